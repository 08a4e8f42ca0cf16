namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>The result counts of a finished import, as the backoffice shows them.</summary>
/// <param name="StreetsRetired">Streets made inactive (never deleted): the file lacks them and nobody lives on them.</param>
public sealed record RuianImportCounts(
    int RowsRead, int PartsAdded, int PartsUnchanged, int PartsRenamed,
    int StreetsAdded, int StreetsConfirmed, int StreetsUnchanged, int StreetsRetired, int StreetsReactivated,
    int AddressPoints, int StreetsNeedingMapping, int UnlistedStreets, int HouseNumberMismatches,
    IReadOnlyList<string> Moves, IReadOnlyList<string> RetiredStreets)
{
    public static RuianImportCounts From(RuianImportSummary s) => new(
        s.RowsRead, s.PartsAdded, s.PartsUnchanged, s.PartsRenamed,
        s.StreetsAdded, s.StreetsConfirmed, s.StreetsUnchanged, s.RetiredStreets.Count, s.StreetsReactivated,
        s.AddressPoints, s.NeedsMapping.Streets.Count, s.NeedsMapping.UnlistedStreets.Count, s.HouseNumberMismatches.Count,
        s.Moves.Select(m => m.ToString()).ToList(), s.RetiredStreets);

    public override string ToString() =>
        $"rows {RowsRead}; streets added {StreetsAdded}, confirmed {StreetsConfirmed}, unchanged {StreetsUnchanged}, retired {StreetsRetired}, reactivated {StreetsReactivated}; " +
        $"parts added {PartsAdded}, renamed {PartsRenamed}; moves {Moves.Count}; needs mapping {StreetsNeedingMapping + UnlistedStreets}";
}

/// <summary>
/// One import job. <see cref="State"/>: running, succeeded, failed (then nothing was changed and
/// <see cref="Errors"/> says why, in Czech). <see cref="Phase"/>: queued, downloading, reading,
/// checking, writing, done; <see cref="Processed"/> of <see cref="Total"/> bytes or rows (Total null when unknown).
/// </summary>
public sealed record RuianImportJobView(
    long Id, string Source, string? FileName, string Actor, string State, string Phase, long Processed, long? Total,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, RuianImportCounts? Counts, IReadOnlyList<string> Errors);

public enum RuianImportSource
{
    Upload,
    Cuzk,
}
