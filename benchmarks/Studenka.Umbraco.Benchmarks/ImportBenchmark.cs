using System.Diagnostics;
using System.Globalization;
using Dapper;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Areas.Ruian;
using Studenka.Umbraco.Testing;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Issue 14: a whole town's RÚIAN file (100,000 address points in the official format) into a
/// database with the seed and 5,000 residents on seed streets. The first import reconciles the seed
/// streets (moves residents, retires copies) and stores every address point; the second import of
/// the same file must change nothing. Goal: each ≤ 2 s. A third call with the wrong municipality
/// stops right after reading the file (on its first row): what reading and validating alone costs.
/// </summary>
internal static class ImportBenchmark
{
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(2);

    public static async Task<string> RunAsync(int points, int residents)
    {
        var directory = Scratch.NewDirectory("import");
        try
        {
            var database = await LoadDatabase.CreateAsync(Path.Combine(directory, "studenka-sms.db"));
            await database.AddSubscribersAsync(residents);
            await GiveHouseNumbersAsync(database);
            var file = RuianCsvFile.Encode(TownFile.Addresses(points));
            var importer = new RuianImportService(database.Connections);

            // The first import pays the JIT of the reader and the writers, as the CLI's one import in a fresh process does.
            var first = await TimeAsync(importer, file, AreaSeeder.StudenkaMunicipalityCode);
            var second = await TimeAsync(importer, file, AreaSeeder.StudenkaMunicipalityCode);
            var readOnly = await TimeAsync(importer, file, municipality: 1);
            var a = first.Result.Summary ?? throw new InvalidOperationException("The first import failed: " + string.Join("; ", first.Result.Errors));
            var b = second.Result.Summary ?? throw new InvalidOperationException("The second import failed: " + string.Join("; ", second.Result.Errors));
            var secondChangedNothing = b is { StreetsAdded: 0, StreetsConfirmed: 0, StreetsReactivated: 0, PartsAdded: 0, PartsRenamed: 0, Moves.Count: 0, RetiredStreets.Count: 0 };
            var met = first.Elapsed <= Goal && second.Elapsed <= Goal && secondChangedNothing;
            return string.Create(CultureInfo.InvariantCulture, $"""
                (import) RÚIAN file of {points:N0} address points ({file.Length / 1024.0 / 1024:0.0} MB, windows-1250), {a.StreetsAdded + a.StreetsConfirmed + a.StreetsUnchanged} streets in {a.PartsUnchanged + a.PartsAdded} parts, {residents:N0} residents on seed streets
                    first import  {first.Elapsed.TotalSeconds:0.00} s (goal <= 2 s): {a.StreetsAdded} streets added, {a.StreetsConfirmed} seed streets confirmed, {a.Moves.Count} moves of {a.Moves.Sum(m => m.Addresses):N0} addresses, {a.RetiredStreets.Count} retired, {a.HouseNumberMismatches.Sum(m => m.Addresses):N0} house numbers not in the register
                        peak working set {first.PeakWorkingSetMb} MB, peak GC heap {first.PeakHeapMb} MB
                    second import {second.Elapsed.TotalSeconds:0.00} s (goal <= 2 s): {b.StreetsUnchanged} streets unchanged, {b.Moves.Count} moves, {b.StreetsAdded + b.StreetsConfirmed + b.StreetsReactivated} street changes{(secondChangedNothing ? "" : " (EXPECTED NONE)")}
                        peak working set {second.PeakWorkingSetMb} MB, peak GC heap {second.PeakHeapMb} MB
                    reading and validating the file alone (refused for another municipality): {readOnly.Elapsed.TotalSeconds:0.00} s
                    {(met ? "MET" : "MISSED")}
                """);
        }
        finally
        {
            Scratch.Delete(directory);
        }
    }

    private sealed record Timed(RuianImportResult Result, TimeSpan Elapsed, long PeakWorkingSetMb, long PeakHeapMb);

    private static async Task<Timed> TimeAsync(RuianImportService importer, byte[] file, long municipality)
    {
        await using var memory = PeakMemory.Start();
        var clock = Stopwatch.StartNew();
        // As the CLI does it: a stream over the file.
        await using var stream = new MemoryStream(file, writable: false);
        var result = await importer.ImportAsync(stream, municipality, CancellationToken.None);
        var elapsed = clock.Elapsed;
        return new Timed(result, elapsed, PeakMemory.PeakWorkingSetBytes() / 1024 / 1024, memory.PeakHeapBytes / 1024 / 1024);
    }

    /// <summary>Half of the street addresses get a č.p. in the range the file uses, so the house-number check has work.</summary>
    private static async Task GiveHouseNumbersAsync(LoadDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("""
            UPDATE subscriber_addresses
            SET house_building = (subscriber_id * 7 + position) % 900 + 1,
                house_number = CAST((subscriber_id * 7 + position) % 900 + 1 AS TEXT)
            WHERE street_id IS NOT NULL AND subscriber_id % 2 = 0
            """);
    }
}

/// <summary>
/// A generated Studénka file: about 150 streets over the three city parts, the seed's streets among
/// them as the register writes them (each in one part only, "náměstí Republiky" for "nám. Republiky"),
/// the points spread evenly, č.p. numbered per part and č.o. per street.
/// </summary>
internal static class TownFile
{
    private const int Streets = 150;

    private static readonly string[] RegisterSeedStreets =
    [
        "Butovice|Malá strana", "Butovice|Butovická", "Butovice|Matiční", "Butovice|Sjednocení", "Butovice|Poštovní",
        "Butovice|2. května", "Butovice|náměstí Republiky", "Butovice|Armádního generála Ludvíka Svobody", "Butovice|Bezručova",
        "Studénka|Požárnická", "Studénka|Nádražní", "Studénka|Družstevní", "Studénka|Budovatelská",
    ];

    private static readonly string[] Stems =
    [
        "Lipová", "Školní", "Zahradní", "Polní", "Krátká", "Dlouhá", "Luční", "Příčná", "Sadová", "Tyršova", "Komenského",
        "Husova", "Jiráskova", "Palackého", "Smetanova", "Dvořákova", "Nerudova", "Havlíčkova", "Mánesova", "Fügnerova",
        "Hřbitovní", "Lesní", "Větrná", "Slunečná", "Na Výsluní", "Pod Kopcem", "U Potoka", "U Hřiště", "K Nádraží", "Zámecká",
        "Mlýnská", "Kostelní", "Okružní", "Severní", "Jižní", "Východní", "Západní", "Topolová", "Březová", "Jasanová",
    ];

    private static readonly (long Code, string Name)[] Parts = [(158453, "Butovice"), (413658, "Studénka"), (311, "Nová Horka")];

    public static IEnumerable<RuianAddress> Addresses(int points)
    {
        var streets = StreetList();
        var buildingNumbers = new Dictionary<long, int>();
        for (var i = 0; i < points; i++)
        {
            var (part, street) = streets[i % streets.Count];
            var building = buildingNumbers[part.Code] = buildingNumbers.GetValueOrDefault(part.Code) + 1;
            yield return new RuianAddress(part.Code, part.Name, street, building, Orientation: i / streets.Count + 1);
        }
    }

    private static List<((long Code, string Name) Part, string Street)> StreetList()
    {
        var list = RegisterSeedStreets.Select(s => s.Split('|')).Select(s => (Parts.Single(p => p.Name == s[0]), s[1])).ToList();
        // The rest split 40 % Butovice, 45 % Studénka, 15 % Nová Horka.
        for (var i = 0; list.Count < Streets; i++)
        {
            var part = (i % 20) switch { < 8 => Parts[0], < 17 => Parts[1], _ => Parts[2] };
            var name = Stems[i % Stems.Length] + (i < Stems.Length ? "" : " " + (i / Stems.Length + 1).ToString(CultureInfo.InvariantCulture));
            list.Add((part, name));
        }

        return list;
    }
}
