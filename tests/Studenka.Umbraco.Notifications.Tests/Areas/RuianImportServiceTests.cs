using System.Text;
using Dapper;
using Studenka.Umbraco.Notifications.Areas.Ruian;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

public sealed class RuianImportServiceTests
{
    [Fact]
    public async Task The_first_import_confirms_seed_streets_adds_new_ones_and_retires_the_seed_streets_the_register_lacks()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();

        var result = await db.ImportAsync(RuianCsvFile.Studenka);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var s = result.Summary;
        Assert.Equal((19, 0, 3, 0), (s.RowsRead, s.PartsAdded, s.PartsUnchanged, s.PartsRenamed));
        // 12 of the 22 seed pairs are in the file; "náměstí Republiky" and "Na Trávníkách" are new.
        Assert.Equal((2, 12, 0, 0), (s.StreetsAdded, s.StreetsConfirmed, s.StreetsUnchanged, s.StreetsReactivated));
        Assert.Equal(10, s.RetiredStreets.Count);
        Assert.Contains("Nádražní (Butovice)", s.RetiredStreets);

        var streets = await db.StreetsAsync();
        var active = streets.Where(r => r.IsActive == 1).Select(r => (r.Part, r.Name)).Order().ToList();
        var inFile = RuianCsvFile.Studenka.Where(a => a.Street is not null).Select(a => (a.PartName, a.Street!)).Distinct().Order().ToList();
        Assert.Equal(inFile, active);
        Assert.All(streets.Where(r => r.IsActive == 1), r => Assert.Equal(("ruian", true), (r.Source, r.RuianCode is not null)));
        // Retired rows stay for the subscriber addresses that point at them.
        Assert.Equal(24, streets.Count);
        Assert.Contains(streets, r => r is { Part: "Studénka", Name: "nám. Republiky", Source: "seed", IsActive: 0 });
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.ImportAsync(RuianCsvFile.Studenka);
        var before = await db.SnapshotAsync();

        var result = await db.ImportAsync(RuianCsvFile.Studenka);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var s = result.Summary;
        Assert.Equal((0, 3, 0), (s.PartsAdded, s.PartsUnchanged, s.PartsRenamed));
        Assert.Equal((0, 0, 14, 0, 0), (s.StreetsAdded, s.StreetsConfirmed, s.StreetsUnchanged, s.StreetsReactivated, s.RetiredStreets.Count));
        Assert.Equal(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task Czech_names_survive_the_windows_1250_file_and_Nova_Horka_stays_without_streets()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();

        await db.ImportAsync(RuianCsvFile.Studenka);

        var catalog = await db.Areas.GetCatalogAsync(CancellationToken.None);
        var names = catalog.Parts.SelectMany(p => p.Streets.Select(s => s.Name)).ToList();
        Assert.Contains("Požárnická", names);
        Assert.Contains("náměstí Republiky", names);
        Assert.Contains("Armádního generála Ludvíka Svobody", names);
        var novaHorka = Assert.Single(catalog.Parts, p => p.Part.Name == "Nová Horka");
        Assert.False(novaHorka.HasStreets);
    }

    [Fact]
    public async Task Columns_are_found_by_name_in_any_order()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var reversed = RuianCsvFile.Table(RuianCsvFile.Studenka).Select(fields => fields.Reverse().ToArray());

        var result = await db.ImportAsync(RuianCsvFile.Encode(reversed));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal((2, 12, 10), (result.Summary.StreetsAdded, result.Summary.StreetsConfirmed, result.Summary.RetiredStreets.Count));
    }

    [Fact]
    public async Task A_retired_seed_street_that_a_later_file_lists_is_reactivated()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.ImportAsync(RuianCsvFile.Studenka);

        var result = await db.ImportAsync([.. RuianCsvFile.Studenka, new RuianAddress(413658, "Studénka", "Poštovní", 44)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal((1, 14, 0), (result.Summary.StreetsReactivated, result.Summary.StreetsUnchanged, result.Summary.StreetsAdded));
        Assert.Contains(await db.StreetsAsync(), r => r is { Part: "Studénka", Name: "Poštovní", Source: "ruian", IsActive: 1 });
    }

    [Fact]
    public async Task A_part_name_that_differs_from_the_register_is_renamed()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await using (var connection = await db.Connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE city_parts SET name = 'Nova Horka' WHERE ruian_code = 311");
        }

        var result = await db.ImportAsync(RuianCsvFile.Studenka);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal((1, 2), (result.Summary.PartsRenamed, result.Summary.PartsUnchanged));
        var catalog = await db.Areas.GetCatalogAsync(CancellationToken.None);
        Assert.Contains(catalog.Parts, p => p.Part.Name == "Nová Horka");
    }

    [Fact]
    public async Task A_utf8_file_is_refused_as_the_wrong_encoding_and_nothing_is_written()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var before = await db.SnapshotAsync();

        var result = await db.ImportAsync(RuianCsvFile.Encode(RuianCsvFile.Studenka, new UTF8Encoding(false)));

        var error = Assert.Single(result.Errors);
        Assert.Contains("windows-1250", error.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task A_utf8_file_with_a_byte_order_mark_or_a_utf16_file_is_refused_as_the_wrong_encoding()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();

        var utf8 = await db.ImportAsync([.. Encoding.UTF8.GetPreamble(), .. RuianCsvFile.Encode(RuianCsvFile.Studenka, new UTF8Encoding(false))]);
        var utf16 = await db.ImportAsync(RuianCsvFile.Encode(RuianCsvFile.Studenka, Encoding.Unicode));

        Assert.Contains("UTF-8", Assert.Single(utf8.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("UTF-16", Assert.Single(utf16.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_order_mark_before_windows_1250_content_is_ignored()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();

        var result = await db.ImportAsync([.. Encoding.UTF8.GetPreamble(), .. RuianCsvFile.Encode(RuianCsvFile.Studenka)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(14, result.Summary.StreetsAdded + result.Summary.StreetsConfirmed);
    }

    [Fact]
    public async Task A_byte_that_windows_1250_does_not_define_is_reported_with_its_line()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var lines = RuianCsvFile.Table(RuianCsvFile.Studenka);
        lines[3][10] = "Matiční#";
        var bytes = RuianCsvFile.Encode(lines);
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0x98; // one of the five bytes windows-1250 leaves undefined

        var result = await db.ImportAsync(bytes);

        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("windows-1250", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kód obce")]
    [InlineData("Název obce")]
    [InlineData("Kód části obce")]
    [InlineData("Název části obce")]
    [InlineData("Kód ulice")]
    [InlineData("Název ulice")]
    public async Task A_file_without_a_required_column_is_refused_naming_the_column(string column)
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var before = await db.SnapshotAsync();
        var table = RuianCsvFile.Table(RuianCsvFile.Studenka);
        var index = Array.IndexOf(table[0], column);
        var without = table.Select(fields => fields.Where((_, i) => i != index).ToArray());

        var result = await db.ImportAsync(RuianCsvFile.Encode(without));

        var error = Assert.Single(result.Errors);
        Assert.Contains($"„{column}“", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task A_file_of_another_municipality_is_refused_and_nothing_is_written()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var before = await db.SnapshotAsync();
        RuianAddress[] trojanovice =
        [
            new(168491, "Trojanovice", null, 2, 599999, "Trojanovice"),
            new(168491, "Trojanovice", null, 3, 599999, "Trojanovice"),
        ];

        var result = await db.ImportAsync(trojanovice);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("599999 (Trojanovice)", error.Message, StringComparison.Ordinal);
        Assert.Contains("599921", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task A_non_numeric_code_is_reported_with_its_line_number_and_nothing_is_written()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var before = await db.SnapshotAsync();
        var table = RuianCsvFile.Table(RuianCsvFile.Studenka);
        table[5][7] = "15845x"; // Kód části obce of the fifth address, line 6 of the file.

        var result = await db.ImportAsync(RuianCsvFile.Encode(table));

        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("„Kód části obce“", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Řádek 6:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task A_row_with_a_missing_field_is_reported_with_its_line_number()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var table = RuianCsvFile.Table(RuianCsvFile.Studenka);
        table[8] = table[8][..^1];

        var result = await db.ImportAsync(RuianCsvFile.Encode(table));

        var error = Assert.Single(result.Errors);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public async Task A_file_with_only_the_header_is_refused_instead_of_retiring_every_street()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var before = await db.SnapshotAsync();

        var result = await db.ImportAsync(RuianCsvFile.Encode(RuianCsvFile.Table([])));

        Assert.False(result.Succeeded);
        Assert.Equal(before, await db.SnapshotAsync());
    }

    [Fact]
    public async Task A_conflict_found_while_writing_rolls_back_what_was_already_written()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await using (var connection = await db.Connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO city_parts (ruian_code, municipality_code, name) VALUES (168491, 599999, 'Trojanovice')");
        }

        var before = await db.SnapshotAsync();
        // The new part 999001 is inserted before the conflicting part 168491 is reached.
        var result = await db.ImportAsync(
        [
            .. RuianCsvFile.Studenka,
            new RuianAddress(999001, "Nová čtvrť", "Nová", 1),
            new RuianAddress(168491, "Trojanovice", null, 2),
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Contains("168491", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.SnapshotAsync());
    }
}
