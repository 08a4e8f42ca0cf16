using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// Reads the per-municipality address file <c>YYYYMMDD_OB_&lt;kód&gt;_ADR.csv</c>: windows-1250,
/// ';' without quoting, a header line. Checks the format only; which municipality the rows belong
/// to is the import's business.
/// </summary>
internal static class RuianCsvReader
{
    private const int MaxErrors = 20;

    private static readonly Encoding Windows1250 = CreateWindows1250();

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        DetectDelimiter = false,
        // The official files never quote; a stray '"' in a name must stay a character, not swallow lines.
        Mode = CsvMode.NoEscape,
        IgnoreBlankLines = true,
    };

    /// <summary>How often (in rows) the reader tells its progress.</summary>
    private const int ProgressEvery = 2000;

    public static (IReadOnlyList<RuianAddressRow> Rows, IReadOnlyList<RuianImportError> Errors) Read(byte[] bytes, IProgress<RuianImportProgress>? progress = null)
    {
        var decodeError = Decode(bytes, out var text);
        if (decodeError is not null)
        {
            return ([], [decodeError]);
        }

        using var parser = new CsvParser(new StringReader(text), Configuration);
        if (!parser.Read())
        {
            return ([], [new RuianImportError(null, "Soubor je prázdný.")]);
        }

        var header = parser.Record!.Select(h => h.Trim()).ToArray();
        var headerError = MapColumns(header, out var columns);
        if (headerError is not null)
        {
            return ([], [headerError]);
        }

        var rows = new List<RuianAddressRow>();
        var errors = new List<RuianImportError>();
        // Lines, not rows: a cheap upper bound for the progress bar.
        int? total = progress is null ? null : Math.Max(0, text.AsSpan().Count('\n') - 1);
        progress?.Report(new RuianImportProgress(RuianImportPhase.Checking, 0, total));
        while (parser.Read() && errors.Count < MaxErrors)
        {
            if (progress is not null && (rows.Count + 1) % ProgressEvery == 0)
            {
                progress.Report(new RuianImportProgress(RuianImportPhase.Checking, rows.Count + 1, total));
            }

            var line = parser.RawRow;
            var record = parser.Record!;
            if (record.Length != header.Length)
            {
                errors.Add(new RuianImportError(line, $"má {record.Length} polí, hlavička má {header.Length}."));
                continue;
            }

            var row = ParseRow(line, record, columns, errors);
            if (row is not null)
            {
                rows.Add(row);
            }
        }

        return errors.Count > 0 ? ([], errors) : (rows, []);
    }

    /// <summary>
    /// The encoding and header of a file from its first bytes only (the first line must be in them), so
    /// an upload that is plainly no address file is refused at once, before a job is started for it.
    /// </summary>
    public static RuianImportError? CheckStart(byte[] head)
    {
        if (head.Length == 0 || head.All(b => b is (byte)'\r' or (byte)'\n' or (byte)' '))
        {
            return new RuianImportError(null, "Soubor je prázdný.");
        }

        var end = Array.IndexOf(head, (byte)'\n');
        var firstLine = end < 0 ? head : head[..end];
        var decodeError = Decode(firstLine, out var text);
        if (decodeError is not null)
        {
            return decodeError;
        }

        using var parser = new CsvParser(new StringReader(text), Configuration);
        return parser.Read() ? MapColumns(parser.Record!.Select(h => h.Trim()).ToArray(), out _) : new RuianImportError(null, "Soubor je prázdný.");
    }

    private static RuianImportError? Decode(byte[] bytes, out string text)
    {
        text = string.Empty;
        // Some tools prepend a byte-order mark; it must not become part of the first column's name.
        var content = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        // windows-1250 maps nearly every byte, so a UTF-8 file would "decode" into mojibake.
        // A real file always fails UTF-8 validation: "Kód" is 4B F3 64, and F3 needs continuation bytes.
        if (!Ascii.IsValid(content) && Utf8.IsValid(content))
        {
            return new RuianImportError(null,
                "Soubor není v kódování windows-1250 (vypadá jako UTF-8). Použijte původní soubor z ČÚZK, nebo ho uložte v kódování windows-1250.");
        }

        if (content.AsSpan().Contains((byte)0))
        {
            return new RuianImportError(null,
                "Soubor není v kódování windows-1250 (obsahuje nulové bajty, vypadá jako UTF-16). Použijte původní soubor z ČÚZK.");
        }

        text = Windows1250.GetString(content);
        // .NET maps the five bytes windows-1250 leaves undefined (0x81, 0x83, 0x88, 0x90, 0x98) to C1
        // controls instead of throwing; no register name contains one, so they mean a foreign encoding.
        var foreign = text.AsSpan().IndexOfAnyInRange('\u0080', '\u009F');
        if (foreign >= 0)
        {
            return new RuianImportError(text.AsSpan(0, foreign).Count('\n') + 1,
                $"obsahuje bajt 0x{content[foreign]:X2}, který v kódování windows-1250 není znak; soubor není v kódování windows-1250.");
        }

        return null;
    }

    private static RuianImportError? MapColumns(string[] header, out Dictionary<string, int> columns)
    {
        var found = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        columns = found;
        var duplicates = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!found.TryAdd(header[i], i) && RuianColumns.Required.Contains(header[i], StringComparer.OrdinalIgnoreCase))
            {
                duplicates.Add(header[i]);
            }
        }

        var missing = RuianColumns.Required.Where(c => !found.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return new RuianImportError(1,
                $"v hlavičce chybí povinné sloupce: {string.Join(", ", missing.Select(Quote))}. Očekává se soubor adresních míst RÚIAN oddělený středníky.");
        }

        return duplicates.Count > 0
            ? new RuianImportError(1, $"sloupec {Quote(duplicates[0])} je v hlavičce dvakrát.")
            : null;
    }

    private static RuianAddressRow? ParseRow(int line, string[] record, Dictionary<string, int> columns, List<RuianImportError> errors)
    {
        string Field(string column) => record[columns[column]].Trim();
        var errorsBefore = errors.Count;
        var municipality = Code(RuianColumns.MunicipalityCode);
        var municipalityName = Text(RuianColumns.MunicipalityName);
        var part = Code(RuianColumns.PartCode);
        var partName = Text(RuianColumns.PartName);
        var streetName = Field(RuianColumns.StreetName);
        long? street = null;
        if (streetName.Length > 0)
        {
            street = Code(RuianColumns.StreetCode);
        }
        else if (Field(RuianColumns.StreetCode).Length > 0)
        {
            errors.Add(new RuianImportError(line, $"má {Quote(RuianColumns.StreetCode)}, ale prázdný {Quote(RuianColumns.StreetName)}."));
        }

        var point = RuianColumns.AddressPoint.All(columns.ContainsKey) ? Point() : null;
        return errors.Count > errorsBefore
            ? null
            : new RuianAddressRow(line, municipality, municipalityName, part, partName, street, streetName.Length > 0 ? streetName : null, point);

        RuianAddressPoint? Point()
        {
            var kind = Field(RuianColumns.BuildingKind) switch
            {
                "č.p." => "cp",
                "č.ev." => "ce",
                var other => Error($"sloupec {Quote(RuianColumns.BuildingKind)} musí být „č.p.“ nebo „č.ev.“, je {Quote(other)}."),
            };
            var adm = Code(RuianColumns.AdmCode);
            var building = Code(RuianColumns.BuildingNumber);
            long? orientation = Field(RuianColumns.Orientation).Length > 0 ? Code(RuianColumns.Orientation) : null;
            var letter = Field(RuianColumns.OrientationLetter);
            if (letter.Length > 0 && (orientation is null || letter.Length != 1 || !char.IsAsciiLetter(letter[0])))
            {
                Error($"sloupec {Quote(RuianColumns.OrientationLetter)} musí být jedno písmeno u čísla orientačního, je {Quote(letter)}.");
            }

            return kind is null || building > int.MaxValue || orientation > int.MaxValue
                ? null
                : new RuianAddressPoint(adm, kind, (int)building, (int?)orientation, letter.Length > 0 ? letter.ToLowerInvariant() : null);
        }

        string? Error(string message)
        {
            errors.Add(new RuianImportError(line, message));
            return null;
        }

        long Code(string column)
        {
            var value = Field(column);
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code > 0)
            {
                return code;
            }

            errors.Add(new RuianImportError(line, $"sloupec {Quote(column)} musí být kladné celé číslo, je {Quote(value)}."));
            return 0;
        }

        string Text(string column)
        {
            var value = Field(column);
            if (value.Length == 0)
            {
                errors.Add(new RuianImportError(line, $"sloupec {Quote(column)} je prázdný."));
            }

            return value;
        }
    }

    private static string Quote(string value) => $"„{value}“";

    private static Encoding CreateWindows1250()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1250, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
