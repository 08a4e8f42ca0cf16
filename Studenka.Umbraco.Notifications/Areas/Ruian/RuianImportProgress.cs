namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>Where a running import is; the phases in the order they happen.</summary>
public enum RuianImportPhase
{
    Queued,
    Downloading,
    Reading,
    Checking,
    Writing,
    Done,
}

/// <summary>One step of an import: <see cref="Processed"/> of <see cref="Total"/> (bytes while downloading, rows while checking); Total null when unknown.</summary>
public sealed record RuianImportProgress(RuianImportPhase Phase, long Processed, long? Total);
