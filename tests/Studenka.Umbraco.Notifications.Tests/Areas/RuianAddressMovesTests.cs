using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

/// <summary>Issue 14: an import never strands a resident on a street campaigns can no longer reach.</summary>
public sealed class RuianAddressMovesTests
{
    [Fact]
    public async Task Residents_on_seed_streets_move_onto_the_register_street_and_its_city_part_and_the_report_lists_each_move()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var square = await db.AddResidentAsync("+420603000001", "Butovice", "nám. Republiky", "762");
        var post = await db.AddResidentAsync("+420603000002", "Studénka", "Poštovní");
        var station = await db.AddResidentAsync("+420603000003", "Butovice", "Nádražní");

        var result = await db.ImportAsync(RuianCsvFile.Studenka);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new SeededAreaDatabase.AddressRow("Butovice", "náměstí Republiky", null, "762"), await db.AddressOfAsync(square));
        Assert.Equal(new SeededAreaDatabase.AddressRow("Butovice", "Poštovní", null, null), await db.AddressOfAsync(post));
        Assert.Equal(new SeededAreaDatabase.AddressRow("Studénka", "Nádražní", null, null), await db.AddressOfAsync(station));
        Assert.Equal(1, await db.ReachedByStreetAsync(await db.StreetIdAsync("Butovice", "náměstí Republiky")));
        Assert.Equal(1, await db.ReachedByStreetAsync(await db.StreetIdAsync("Butovice", "Poštovní")));
        Assert.Equal(
        [
            "Nádražní (Butovice) → Nádražní (Studénka): 1 adresa",
            "nám. Republiky (Butovice) → náměstí Republiky (Butovice): 1 adresa",
            "Poštovní (Studénka) → Poštovní (Butovice): 1 adresa",
        ], result.Summary.Moves.Select(m => m.ToString()));
        // The seed streets are empty now, so they are retired; nothing waits for an administrator.
        Assert.Contains("nám. Republiky (Butovice)", result.Summary.RetiredStreets);
        Assert.Empty(result.Summary.NeedsMapping.Streets);
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_with_residents_changes_nothing()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.AddResidentAsync("+420603000001", "Butovice", "nám. Republiky", "762");
        await db.AddResidentAsync("+420603000002", "Studénka", "Poštovní", "č. p. 999");
        await db.AddResidentAsync("+420603000003", "Studénka", null, typedStreet: "U Rybníka");
        var file = RuianCsvFile.Encode(RuianCsvFile.Studenka);
        await db.ImportAsync(file);
        var before = await db.SnapshotAsync();

        var result = await db.ImportAsync(file);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(before, await db.SnapshotAsync());
        Assert.Empty(result.Summary.Moves);
        Assert.Empty(result.Summary.RetiredStreets);
        // What still waits is reported again, unchanged.
        Assert.Equal("U Rybníka", Assert.Single(result.Summary.NeedsMapping.UnlistedStreets).Name);
        Assert.Equal("č. p. 999", Assert.Single(result.Summary.HouseNumberMismatches).HouseNumber);
    }

    [Fact]
    public async Task A_register_street_a_later_file_drops_stays_targetable_and_needs_mapping_while_an_unused_one_is_retired()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.ImportAsync(RuianCsvFile.Studenka);
        var resident = await db.AddResidentAsync("+420603000001", "Studénka", "Na Trávníkách", "88");
        var trees = await db.StreetIdAsync("Studénka", "Na Trávníkách");

        var result = await db.ImportAsync(RuianCsvFile.Studenka.Where(a => a.Street is not ("Na Trávníkách" or "Požárnická")));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var waiting = Assert.Single(result.Summary.NeedsMapping.Streets);
        Assert.Equal((trees, "Na Trávníkách", "Studénka", "ruian", 1), (waiting.StreetId, waiting.Name, waiting.CityPartName, waiting.Source, waiting.Addresses));
        Assert.Equal(["Požárnická (Studénka)"], result.Summary.RetiredStreets);
        Assert.Equal(1, await db.ReachedByStreetAsync(trees));
        // Targetable: the catalogue campaigns are validated against still offers it.
        var catalog = await db.Areas.GetCatalogAsync(CancellationToken.None);
        Assert.Contains(catalog.Parts.SelectMany(p => p.Streets), s => s.Id == trees);
        Assert.DoesNotContain(catalog.Parts.SelectMany(p => p.Streets), s => s.Name == "Požárnická");
        Assert.Equal(new SeededAreaDatabase.AddressRow("Studénka", "Na Trávníkách", null, "88"), await db.AddressOfAsync(resident));
    }

    [Fact]
    public async Task A_lived_on_seed_street_the_register_lacks_or_has_in_two_other_parts_stays_and_needs_mapping()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.AddResidentAsync("+420603000001", "Studénka", "Bezručova");
        await db.AddResidentAsync("+420603000002", "Butovice", "Družstevní");
        // Bezručova is missing; Družstevní is in Studénka and in Nová Horka, so which one is unknown.
        var file = RuianCsvFile.Studenka.Where(a => a.Street != "Bezručova").Append(new RuianAddress(311, "Nová Horka", "Družstevní", 40));

        var result = await db.ImportAsync(file);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["Bezručova (Studénka)", "Družstevní (Butovice)"],
            result.Summary.NeedsMapping.Streets.Select(s => $"{s.Name} ({s.CityPartName})").Order());
        Assert.Empty(result.Summary.Moves);
        Assert.Equal(1, await db.ReachedByStreetAsync(await db.StreetIdAsync("Studénka", "Bezručova")));
    }

    [Fact]
    public async Task A_typed_street_the_register_has_is_moved_onto_it_and_one_it_lacks_waits_for_mapping()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var known = await db.AddResidentAsync("+420603000001", "Studénka", null, "88", typedStreet: "na travnikach");
        await db.AddResidentAsync("+420603000002", "Studénka", null, typedStreet: "U Rybníka");
        await db.AddResidentAsync("+420603000003", "Studénka", null, typedStreet: "u rybníka");

        var result = await db.ImportAsync(RuianCsvFile.Studenka);

        Assert.Equal(new SeededAreaDatabase.AddressRow("Studénka", "Na Trávníkách", null, "88"), await db.AddressOfAsync(known));
        Assert.Contains("„na travnikach“ (napsaná obyvatelem) (Studénka) → Na Trávníkách (Studénka): 1 adresa", result.Summary!.Moves.Select(m => m.ToString()));
        var waiting = Assert.Single(result.Summary.NeedsMapping.UnlistedStreets);
        Assert.Equal(("Studénka", 2), (waiting.CityPartName, waiting.Addresses));
    }

    [Fact]
    public async Task House_numbers_the_register_lacks_on_that_street_and_part_are_listed_and_the_rest_are_not()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.AddResidentAsync("+420603000001", "Butovice", "Malá strana", "216");
        await db.AddResidentAsync("+420603000002", "Butovice", "Malá strana", "č. p. 297");
        await db.AddResidentAsync("+420603000003", "Butovice", "Poštovní", "701/5a");
        await db.AddResidentAsync("+420603000004", "Butovice", "Poštovní", "5a");
        await db.AddResidentAsync("+420603000005", "Nová Horka", null, "12");
        await db.AddResidentAsync("+420603000006", "Butovice", "Malá strana", "999");
        await db.AddResidentAsync("+420603000007", "Butovice", "Malá strana", "365");
        await db.AddResidentAsync("+420603000008", "Butovice", "Poštovní", "č. ev. 701");
        await db.AddResidentAsync("+420603000009", "Butovice", "Poštovní", "701/6");
        var file = RuianCsvFile.Studenka.Select(a => a.Street == "Poštovní" ? a with { Orientation = 5, OrientationLetter = "a" } : a);

        var result = await db.ImportAsync(file);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        // 365 exists, but on Butovická; a č.ev. is not the č.p. of the same number; 701 has č.o. 5a, not 6.
        Assert.Equal(["Malá strana 365", "Malá strana 999", "Poštovní 701/6", "Poštovní č. ev. 701"],
            result.Summary.HouseNumberMismatches.Select(m => $"{m.StreetName} {m.HouseNumber}").Order(StringComparer.Ordinal));
        Assert.Equal(result.Summary.HouseNumberMismatches, await db.Review.HouseNumberMismatchesAsync(CancellationToken.None));
        Assert.Equal(19, result.Summary.AddressPoints);
    }

    [Fact]
    public async Task Without_address_point_columns_no_house_number_is_checked()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.AddResidentAsync("+420603000001", "Butovice", "Malá strana", "999");
        var table = RuianCsvFile.Table(RuianCsvFile.Studenka);
        var index = Array.IndexOf(table[0], "Číslo domovní");

        var result = await db.ImportAsync(RuianCsvFile.Encode(table.Select(r => r.Where((_, i) => i != index).ToArray())));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(0, result.Summary.AddressPoints);
        Assert.Empty(result.Summary.HouseNumberMismatches);
    }

    [Fact]
    public async Task A_later_file_updates_and_removes_address_points()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.AddResidentAsync("+420603000001", "Butovice", "Malá strana", "297");
        await db.ImportAsync(RuianCsvFile.Studenka);

        var result = await db.ImportAsync(RuianCsvFile.Studenka.Where(a => a.HouseNumber != 297));

        Assert.Equal("297", Assert.Single(result.Summary!.HouseNumberMismatches).HouseNumber);
    }
}
