using System.IO.Compression;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// A received address file on disk: the CSV itself, or the zip ČÚZK publishes it in
/// (<c>…_OB_599921_ADR.csv.zip</c> holding <c>…_ADR.csv</c>). Opening checks what can be checked
/// cheaply (the zip's directory, the CSV's encoding and header); the rows are the import's business.
/// </summary>
internal sealed class RuianFile : IDisposable
{
    private const int HeadBytes = 64 * 1024;

    private readonly FileStream _file;
    private readonly ZipArchive? _zip;
    private readonly ZipArchiveEntry? _entry;

    private RuianFile(FileStream file, ZipArchive? zip, ZipArchiveEntry? entry)
    {
        _file = file;
        _zip = zip;
        _entry = entry;
    }

    /// <summary>Opens <paramref name="path"/>; on an error nothing stays open. <paramref name="zipOnly"/>: what ČÚZK sends must be its zip.</summary>
    public static (RuianFile? File, RuianImportError? Error) Open(string path, bool zipOnly = false)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        try
        {
            var (file, error) = Open(stream, zipOnly);
            if (file is null)
            {
                stream.Dispose();
            }

            return (file, error);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static (RuianFile? File, RuianImportError? Error) Open(FileStream stream, bool zipOnly)
    {
        Span<byte> magic = stackalloc byte[4];
        var isZip = stream.Read(magic) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
        stream.Position = 0;
        if (!isZip && zipOnly)
        {
            return (null, new RuianImportError(null, "Stažený soubor není ZIP (server ČÚZK poslal něco jiného). Zkuste to později, nebo soubor stáhněte ručně a nahrajte ho."));
        }

        if (!isZip)
        {
            var headError = CheckHead(stream);
            stream.Position = 0;
            return headError is null ? (new RuianFile(stream, null, null), null) : (null, headError);
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return (null, new RuianImportError(null, "Soubor ZIP je poškozený (nelze přečíst jeho obsah). Stáhněte ho z ČÚZK znovu."));
        }

        var csvs = zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
        var entry = csvs.Count == 1 ? csvs[0] : csvs.FirstOrDefault(e => e.Name.EndsWith("_ADR.csv", StringComparison.OrdinalIgnoreCase));
        var error = entry switch
        {
            null => new RuianImportError(null, "Soubor ZIP neobsahuje soubor adresních míst (…_ADR.csv)."),
            { Length: > RuianImportService.MaxFileBytes } => new RuianImportError(null,
                $"Soubor v ZIP je větší než {RuianImportService.MaxFileBytes / 1024 / 1024} MB; to není soubor adresních míst jedné obce."),
            _ => null,
        };
        if (error is null)
        {
            try
            {
                using var csv = entry!.Open();
                error = CheckHead(csv);
            }
            catch (InvalidDataException)
            {
                error = new RuianImportError(null, "Soubor ZIP je poškozený (nelze rozbalit soubor adresních míst). Stáhněte ho z ČÚZK znovu.");
            }
        }

        if (error is not null)
        {
            zip.Dispose();
            return (null, error);
        }

        return (new RuianFile(stream, zip, entry), null);
    }

    /// <summary>The CSV to import (unpacked on the fly from a zip); a zip damaged past its directory throws <see cref="InvalidDataException"/> while read.</summary>
    public Stream OpenCsv()
    {
        if (_entry is not null)
        {
            return _entry.Open();
        }

        _file.Position = 0;
        return _file;
    }

    public void Dispose()
    {
        _zip?.Dispose();
        _file.Dispose();
    }

    private static RuianImportError? CheckHead(Stream csv)
    {
        var head = new byte[HeadBytes];
        var length = 0;
        int read;
        while (length < head.Length && (read = csv.Read(head, length, head.Length - length)) > 0)
        {
            length += read;
        }

        return RuianCsvReader.CheckStart(head[..length]);
    }
}
