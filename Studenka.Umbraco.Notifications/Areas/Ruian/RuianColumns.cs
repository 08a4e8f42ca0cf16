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

    public const string AdmCode = "Kód ADM";
    public const string BuildingKind = "Typ SO";
    public const string BuildingNumber = "Číslo domovní";
    public const string Orientation = "Číslo orientační";
    public const string OrientationLetter = "Znak čísla orientačního";

    public static IReadOnlyList<string> Required { get; } =
        [MunicipalityCode, MunicipalityName, PartCode, PartName, StreetCode, StreetName];

    /// <summary>With all of these the rows are address points, and residents' house numbers can be checked against them.</summary>
    public static IReadOnlyList<string> AddressPoint { get; } = [AdmCode, BuildingKind, BuildingNumber, Orientation, OrientationLetter];
}

/// <summary>The numbers of one address point: <see cref="Kind"/> is "cp" (č.p.) or "ce" (č.ev.).</summary>
internal sealed record RuianAddressPoint(long AdmCode, string Kind, int BuildingNumber, int? Orientation, string? OrientationLetter);

/// <summary>One address point, reduced to what the area catalogue needs.</summary>
internal sealed record RuianAddressRow(
    int Line,
    long MunicipalityCode,
    string MunicipalityName,
    long PartCode,
    string PartName,
    long? StreetCode,
    string? StreetName,
    RuianAddressPoint? Point = null);
