namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// Header names of the ČÚZK "adresní místa" CSV that the import needs. Columns are found by name,
/// so the other 13 columns (and their order, or the Prague-column variants) do not matter.
/// </summary>
internal static class RuianColumns
{
    public const string MunicipalityCode = "Kód obce";
    public const string MunicipalityName = "Název obce";
    public const string PartCode = "Kód části obce";
    public const string PartName = "Název části obce";
    public const string StreetCode = "Kód ulice";
    public const string StreetName = "Název ulice";

    public static IReadOnlyList<string> Required { get; } =
        [MunicipalityCode, MunicipalityName, PartCode, PartName, StreetCode, StreetName];
}

/// <summary>One address point, reduced to what the area catalogue needs.</summary>
internal sealed record RuianAddressRow(
    int Line,
    long MunicipalityCode,
    string MunicipalityName,
    long PartCode,
    string PartName,
    long? StreetCode,
    string? StreetName);
