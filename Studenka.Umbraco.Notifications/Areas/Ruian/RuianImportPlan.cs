namespace Studenka.Umbraco.Notifications.Areas.Ruian;

internal sealed record RuianPart(long Code, string Name);

internal sealed record RuianStreet(long PartCode, string Name, long Code);

/// <summary>An address point with where it lies: its part and, where the part has streets, its street's name.</summary>
internal sealed record RuianPlacedPoint(long PartCode, string? StreetName, RuianAddressPoint Point);

/// <summary>
/// The distinct city parts and streets of a whole, validated file. Built before anything is
/// written, so a file that fails here leaves the database untouched.
/// </summary>
/// <param name="Points">Empty when the file has no address-point columns; then no house number is checked.</param>
internal sealed record RuianImportPlan(int RowsRead, IReadOnlyList<RuianPart> Parts, IReadOnlyList<RuianStreet> Streets, IReadOnlyList<RuianPlacedPoint> Points)
{
    public static (RuianImportPlan? Plan, RuianImportError? Error) Build(IReadOnlyList<RuianAddressRow> rows, long expectedMunicipalityCode)
    {
        if (rows.Count == 0)
        {
            // An empty file would otherwise "prove" that no seed street exists and retire them all.
            return (null, new RuianImportError(null, "Soubor neobsahuje žádná adresní místa."));
        }

        var parts = new Dictionary<long, RuianPart>();
        var streets = new Dictionary<(long PartCode, string Name), RuianStreet>();
        var points = new Dictionary<long, RuianPlacedPoint>();
        foreach (var row in rows)
        {
            if (row.MunicipalityCode != expectedMunicipalityCode)
            {
                return (null, new RuianImportError(row.Line,
                    $"soubor je pro obec {row.MunicipalityCode} ({row.MunicipalityName}), očekává se obec {expectedMunicipalityCode}."));
            }

            if (!parts.TryAdd(row.PartCode, new RuianPart(row.PartCode, row.PartName)) && parts[row.PartCode].Name != row.PartName)
            {
                return (null, new RuianImportError(row.Line,
                    $"část obce {row.PartCode} se jmenuje „{row.PartName}“, dříve v souboru „{parts[row.PartCode].Name}“."));
            }

            if (row.Point is { } point && !points.TryAdd(point.AdmCode, new RuianPlacedPoint(row.PartCode, row.StreetName, point)))
            {
                return (null, new RuianImportError(row.Line, $"adresní místo {point.AdmCode} je v souboru dvakrát."));
            }

            if (row.StreetName is null || row.StreetCode is not { } streetCode)
            {
                continue;
            }

            var street = new RuianStreet(row.PartCode, row.StreetName, streetCode);
            if (!streets.TryAdd((row.PartCode, row.StreetName), street) && streets[(row.PartCode, row.StreetName)].Code != streetCode)
            {
                return (null, new RuianImportError(row.Line,
                    $"ulice „{row.StreetName}“ má kód {streetCode}, dříve v souboru {streets[(row.PartCode, row.StreetName)].Code}."));
            }
        }

        return (new RuianImportPlan(rows.Count, parts.Values.ToList(), streets.Values.ToList(), points.Values.ToList()), null);
    }
}
