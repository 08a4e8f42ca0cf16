using System.Globalization;
using System.Text;

namespace Studenka.Umbraco.Testing;

/// <summary>One address point of a generated RÚIAN file; <see cref="Street"/> is null where a part has no streets.</summary>
/// <param name="Kind">Typ SO: "č.p." or "č.ev.".</param>
public sealed record RuianAddress(
    long PartCode, string PartName, string? Street, int HouseNumber, long MunicipalityCode = 599921, string MunicipalityName = "Studénka",
    int? Orientation = null, string? OrientationLetter = null, string Kind = "č.p.");

/// <summary>
/// Builds files in the real ČÚZK "adresní místa" format: the 19-column header, ';', CRLF lines,
/// windows-1250 bytes. Part codes are real; address, street codes and coordinates are invented.
/// </summary>
public static class RuianCsvFile
{
    public const string HeaderLine = "Kód ADM;Kód obce;Název obce;Kód MOMC;Název MOMC;Kód obvodu Prahy;Název obvodu Prahy;Kód části obce;Název části obce;Kód ulice;Název ulice;Typ SO;Číslo domovní;Číslo orientační;Znak čísla orientačního;PSČ;Souřadnice Y;Souřadnice X;Platí Od";

    public static Encoding Windows1250 { get; } = CreateWindows1250();

    /// <summary>Streets by part as the generated Studénka file has them (Nová Horka has none).</summary>
    public static IReadOnlyList<RuianAddress> Studenka { get; } =
    [
        new(158453, "Butovice", "Malá strana", 216),
        new(158453, "Butovice", "Malá strana", 297),
        new(158453, "Butovice", "Butovická", 365),
        new(158453, "Butovice", "Matiční", 120),
        new(158453, "Butovice", "Sjednocení", 835),
        new(158453, "Butovice", "Sjednocení", 650),
        new(158453, "Butovice", "Poštovní", 701),
        new(158453, "Butovice", "2. května", 500),
        new(158453, "Butovice", "2. května", 903),
        new(158453, "Butovice", "náměstí Republiky", 762),
        new(158453, "Butovice", "Armádního generála Ludvíka Svobody", 640),
        new(158453, "Butovice", "Bezručova", 411),
        new(413658, "Studénka", "Požárnická", 261),
        new(413658, "Studénka", "Nádražní", 893),
        new(413658, "Studénka", "Družstevní", 150),
        new(413658, "Studénka", "Budovatelská", 779),
        new(413658, "Studénka", "Na Trávníkách", 88),
        new(311, "Nová Horka", null, 3),
        new(311, "Nová Horka", null, 12),
    ];

    /// <summary>The header and one row per address, as fields.</summary>
    public static List<string[]> Table(IEnumerable<RuianAddress> addresses)
    {
        var table = new List<string[]> { HeaderLine.Split(';') };
        var streetCodes = new Dictionary<string, long>();
        var adm = 99999001;
        foreach (var a in addresses)
        {
            var streetCode = a.Street is null ? "" : Code(streetCodes.TryGetValue(a.Street, out var c) ? c : streetCodes[a.Street] = 99999101 + streetCodes.Count);
            table.Add(
            [
                Code(adm++), Code(a.MunicipalityCode), a.MunicipalityName, "", "", "", "", Code(a.PartCode), a.PartName,
                streetCode, a.Street ?? "", a.Kind, Code(a.HouseNumber), a.Orientation is { } o ? Code(o) : "", a.OrientationLetter ?? "", "74213",
                $"48{a.HouseNumber % 10}000.{a.HouseNumber % 100:00}", "1113600.00", "2011-07-01T00:00:00",
            ]);
        }

        return table;
    }

    /// <summary>The table as bytes: ';' between fields, CRLF after every line, windows-1250 unless told.</summary>
    public static byte[] Encode(IEnumerable<string[]> table, Encoding? encoding = null) =>
        (encoding ?? Windows1250).GetBytes(string.Concat(table.Select(fields => string.Join(';', fields) + "\r\n")));

    public static byte[] Encode(IEnumerable<RuianAddress> addresses, Encoding? encoding = null) => Encode(Table(addresses), encoding);

    private static string Code(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Encoding CreateWindows1250()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1250);
    }
}
