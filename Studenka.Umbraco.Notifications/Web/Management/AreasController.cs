using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Areas.Ruian;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// The administrators' Areas view: city parts and streets with their subscriber counts, and RÚIAN
/// imports (an uploaded file, or the current one downloaded from ČÚZK) as background jobs whose
/// progress the view polls. One import at a time (409); a file that plainly is no address file is
/// refused at once (400), a bad row later fails the job; a failed job changed nothing.
/// </summary>
[Route(RoutePrefix + "/areas")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class AreasController(AreaOverview overview, RuianImportJobs jobs, IOperatorContext operators, IOptions<RuianOptions> options) : ManagementApiControllerBase
{
    private const string Running = "Právě probíhá jiný import RÚIAN. Počkejte, až doběhne, a zkuste to znovu.";

    [HttpGet("overview")]
    public Task<AreasOverview> Overview(CancellationToken cancellationToken) => overview.ReadAsync(options.Value.MunicipalityCode, cancellationToken);

    /// <summary>The last ten imports, newest first.</summary>
    [HttpGet("imports")]
    public Task<IReadOnlyList<RuianImportJobView>> Imports(CancellationToken cancellationToken) => jobs.RecentAsync(10, cancellationToken);

    [HttpGet("imports/{id:long}")]
    public async Task<IActionResult> Import(long id, CancellationToken cancellationToken) =>
        await jobs.GetAsync(id, cancellationToken) is { } job ? Ok(job) : NotFoundProblem($"Import {id} neexistuje.");

    /// <summary>The file (CSV or the zip from ČÚZK) is the raw body; <paramref name="fileName"/> is only shown and audited.</summary>
    [HttpPost("imports")]
    [RawUpload("text/csv", "application/octet-stream", "application/zip", "application/x-zip-compressed")]
    [RequestSizeLimit(RuianImportService.MaxFileBytes)]
    public async Task<IActionResult> Upload([FromQuery] string? fileName, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var upload = (RawUploadAttribute?)HttpContext.GetEndpoint()?.Metadata.GetMetadata<RawUploadAttribute>();
        if (upload?.Accepts(Request.ContentType) != true)
        {
            return Problem415();
        }

        // Before the body is read: a second import is refused without making the browser send tens of MB.
        if (await jobs.IsRunningAsync(cancellationToken))
        {
            return ConflictProblem(Running);
        }

        var path = RuianImportJobs.NewTempFile();
        var handedOver = false;
        try
        {
            if (!await SaveBodyAsync(path, cancellationToken))
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "Soubor je příliš velký",
                    $"Soubor je větší než {RuianImportService.MaxFileBytes / 1024 / 1024} MB; to není soubor adresních míst jedné obce.");
            }

            var (file, error) = RuianFile.Open(path);
            file?.Dispose();
            if (error is not null)
            {
                return Invalid(new Dictionary<string, string> { ["file"] = error.ToString() }, "Soubor nelze importovat.");
            }

            if (await jobs.StartUploadAsync(path, ShownName(fileName), actor, cancellationToken) is not { } id)
            {
                return ConflictProblem(Running);
            }

            handedOver = true;
            return await Accepted(id, cancellationToken);
        }
        finally
        {
            if (!handedOver)
            {
                System.IO.File.Delete(path);
            }
        }
    }

    /// <summary>Downloads the configured municipality's current file from ČÚZK and imports it, in the background.</summary>
    [HttpPost("imports/cuzk")]
    public async Task<IActionResult> DownloadFromCuzk(CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return await jobs.StartCuzkAsync(actor, cancellationToken) is { } id ? await Accepted(id, cancellationToken) : ConflictProblem(Running);
    }

    private async Task<IActionResult> Accepted(long id, CancellationToken cancellationToken) =>
        AcceptedAtAction(nameof(Import), new { id }, await jobs.GetAsync(id, cancellationToken));

    /// <summary>Streams the body to disk (never whole into memory); false when it exceeds the limit.</summary>
    private async Task<bool> SaveBodyAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long written = 0;
        int read;
        while ((read = await Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            written += read;
            if (written > RuianImportService.MaxFileBytes)
            {
                return false;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return true;
    }

    /// <summary>The name without any folder the browser sent, short enough for the list.</summary>
    private static string? ShownName(string? fileName) =>
        Path.GetFileName(fileName) is { Length: > 0 } name ? name[..Math.Min(200, name.Length)] : null;

    private ObjectResult Problem415() => Problem(StatusCodes.Status415UnsupportedMediaType, "Nepodporovaný formát",
        "Nahrajte soubor adresních míst RÚIAN (CSV nebo ZIP z ČÚZK) jako tělo požadavku (Content-Type: text/csv, application/octet-stream nebo application/zip).");

    private static ObjectResult Problem(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status };
}
