using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// RÚIAN imports started from the backoffice run as background jobs: the request that uploads the
/// file (streamed to a temporary file) or asks for the download from ČÚZK only starts the job and
/// answers with its id; the job's row (state, phase, result counts or the Czech errors) is in the
/// database, so every node can show it, and the partial unique index lets one job run at a time.
/// The live detail (bytes, rows) is kept in memory by the node running the job: the import's one
/// transaction holds SQLite's write lock, so no progress row could be written meanwhile.
/// </summary>
public sealed partial class RuianImportJobs(
    IDbConnectionFactory connections, RuianImportService importer, CuzkDownload cuzk, AuditLog audit, IOptions<RuianOptions> options,
    TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RuianImportJobs> logger)
{
    /// <summary>A running job not updated for this long belongs to a node that stopped mid-import; it no longer blocks a new one.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    private static readonly string TempFolder = Path.Combine(Path.GetTempPath(), "studenka-ruian");

    private readonly ConcurrentDictionary<long, RuianImportProgress> _live = new();

    private sealed record JobRow(long Id, string Source, string? FileName, string Actor, string State, string Phase, long StartedAtMs, long? FinishedAtMs, string? SummaryJson, string? ErrorsJson);

    private const string Columns = """
        id AS Id, source AS Source, file_name AS FileName, actor AS Actor, state AS State, phase AS Phase,
        started_at_ms AS StartedAtMs, finished_at_ms AS FinishedAtMs, summary_json AS SummaryJson, errors_json AS ErrorsJson
        """;

    /// <summary>A new path for a received file; the job deletes it when it ends.</summary>
    public static string NewTempFile()
    {
        Directory.CreateDirectory(TempFolder);
        return Path.Combine(TempFolder, Guid.NewGuid().ToString("N") + ".tmp");
    }

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM ruian_import_jobs WHERE state = 'running' AND updated_at_ms >= @StaleBefore",
            new { StaleBefore = StaleBefore() }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Starts importing the file at <paramref name="path"/> (the job owns and deletes it); null when another import runs.</summary>
    public Task<long?> StartUploadAsync(string path, string? fileName, OperatorIdentity actor, CancellationToken cancellationToken) =>
        StartAsync(RuianImportSource.Upload, path, fileName, actor, cancellationToken);

    /// <summary>Starts downloading the configured municipality's file from ČÚZK and importing it; null when another import runs.</summary>
    public Task<long?> StartCuzkAsync(OperatorIdentity actor, CancellationToken cancellationToken) =>
        StartAsync(RuianImportSource.Cuzk, NewTempFile(), null, actor, cancellationToken);

    public async Task<RuianImportJobView?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ruian_import_jobs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : View(row);
    }

    /// <summary>The latest jobs, newest first (the running one, if any, among them).</summary>
    public async Task<IReadOnlyList<RuianImportJobView>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ruian_import_jobs ORDER BY id DESC LIMIT @take", new { take }, cancellationToken: cancellationToken));
        return rows.Select(View).ToList();
    }

    private async Task<long?> StartAsync(RuianImportSource source, string path, string? fileName, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        long? id;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE ruian_import_jobs SET state = 'failed', phase = 'done', finished_at_ms = @now, updated_at_ms = @now, errors_json = @errors
                WHERE state = 'running' AND updated_at_ms < @staleBefore
                """, new { now, staleBefore = StaleBefore(), errors = Errors(["Import se nedokončil (server se zastavil); nic se nezměnilo."]) },
                cancellationToken: cancellationToken));
            // The partial unique index admits one running row: a second start inserts nothing.
            id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
                INSERT INTO ruian_import_jobs (source, file_name, actor, state, phase, started_at_ms, updated_at_ms)
                VALUES (@source, @fileName, @actor, 'running', 'queued', @now, @now)
                ON CONFLICT DO NOTHING RETURNING id
                """, new { source = Name(source), fileName, actor = actor.DisplayName, now }, cancellationToken: cancellationToken));
        }

        if (id is not { } jobId)
        {
            return null;
        }

        _live[jobId] = new RuianImportProgress(RuianImportPhase.Queued, 0, null);
        var what = source == RuianImportSource.Upload ? $"upload {fileName} ({new FileInfo(path).Length} B)" : $"download from {options.Value.CuzkBaseUrl}";
        await audit.AppendAsync(actor, "areas.ruian-import", $"job {jobId}", $"{what}, municipality {options.Value.MunicipalityCode}", cancellationToken);
        // The job outlives the request; it must not carry the request's context (HttpContext, its cancellation).
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => RunAsync(jobId, source, path, fileName, actor), CancellationToken.None);
        }

        return jobId;
    }

    private async Task RunAsync(long id, RuianImportSource source, string path, string? fileName, OperatorIdentity actor)
    {
        var stopping = lifetime.ApplicationStopping;
        var progress = new LiveProgress(_live, id);
        RuianImportResult? result = null;
        string? error = null;
        try
        {
            if (source == RuianImportSource.Cuzk)
            {
                await SetPhaseAsync(id, RuianImportPhase.Downloading, null, stopping);
                (fileName, error) = await cuzk.DownloadAsync(path, progress, stopping);
            }

            if (error is null)
            {
                await SetPhaseAsync(id, RuianImportPhase.Reading, fileName, stopping);
                var (file, openError) = RuianFile.Open(path, zipOnly: source == RuianImportSource.Cuzk);
                if (file is null)
                {
                    error = openError!.ToString();
                }
                else
                {
                    using (file)
                    {
                        await using var csv = file.OpenCsv();
                        result = await importer.ImportAsync(csv, options.Value.MunicipalityCode, progress, stopping);
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            error = "Soubor ZIP je poškozený (nelze rozbalit soubor adresních míst). Stáhněte ho z ČÚZK znovu.";
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            error = "Import byl přerušen zastavením serveru; nic se nezměnilo. Spusťte ho znovu.";
        }
        catch (Exception e)
        {
            LogFailed(logger, e, id);
            error = "Import selhal nečekanou chybou; nic se nezměnilo. Podrobnosti jsou v logu serveru.";
        }
        finally
        {
            TryDelete(path);
        }

        var errors = error is not null ? [error] : result!.Errors.Select(e => e.ToString()).ToList();
        var counts = result is { Succeeded: true } ? RuianImportCounts.From(result.Summary) : null;
        try
        {
            await FinishAsync(id, counts, errors);
            await audit.AppendAsync(actor, counts is null ? "areas.ruian-import.failed" : "areas.ruian-import.done", $"job {id}",
                counts?.ToString() ?? string.Join(" | ", errors), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, id);
        }
        finally
        {
            _live.TryRemove(id, out _);
        }
    }

    private async Task SetPhaseAsync(long id, RuianImportPhase phase, string? fileName, CancellationToken cancellationToken)
    {
        _live[id] = new RuianImportProgress(phase, 0, null);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ruian_import_jobs SET phase = @phase, file_name = COALESCE(@fileName, file_name), updated_at_ms = @now WHERE id = @id",
            new { id, phase = Name(phase), fileName, now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    private async Task FinishAsync(long id, RuianImportCounts? counts, IReadOnlyList<string> errors)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ruian_import_jobs SET state = @state, phase = 'done', finished_at_ms = @now, updated_at_ms = @now, summary_json = @summary, errors_json = @errors
            WHERE id = @id
            """, new
        {
            id,
            now,
            state = counts is null ? "failed" : "succeeded",
            summary = counts is null ? null : JsonSerializer.Serialize(counts, JsonSerializerOptions.Web),
            errors = errors.Count == 0 ? null : Errors(errors),
        }));
    }

    private RuianImportJobView View(JobRow row)
    {
        var live = row.State == "running" && _live.TryGetValue(row.Id, out var p) ? p : null;
        return new RuianImportJobView(
            row.Id, row.Source, row.FileName, row.Actor, row.State, live is null ? row.Phase : Name(live.Phase), live?.Processed ?? 0, live?.Total,
            DateTimeOffset.FromUnixTimeMilliseconds(row.StartedAtMs), row.FinishedAtMs is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
            row.SummaryJson is null ? null : JsonSerializer.Deserialize<RuianImportCounts>(row.SummaryJson, JsonSerializerOptions.Web),
            row.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(row.ErrorsJson) ?? []);
    }

    private long StaleBefore() => (time.GetUtcNow() - StaleAfter).ToUnixTimeMilliseconds();

    private static string Errors(IReadOnlyList<string> errors) => JsonSerializer.Serialize(errors);

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file harms nothing; the next start of the OS cleans the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "RÚIAN import job {JobId} failed unexpectedly; nothing was changed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, long jobId);

    private sealed class LiveProgress(ConcurrentDictionary<long, RuianImportProgress> live, long id) : IProgress<RuianImportProgress>
    {
        public void Report(RuianImportProgress value) => live[id] = value;
    }
}
