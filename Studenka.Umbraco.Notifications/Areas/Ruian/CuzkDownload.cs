using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// Downloads the current address file of the configured municipality from ČÚZK's public export
/// (<c>{base}{YYYYMMDD}_OB_{obec}_ADR.csv.zip</c>). The vintage is the last day of the previous month;
/// early in a month ČÚZK may not have published it yet, so the month before is tried after a 404.
/// Every failure is a Czech sentence an administrator can act on, never an exception.
/// </summary>
public sealed class CuzkDownload(IHttpClientFactory clients, IOptions<RuianOptions> options, TownCalendar calendar, TimeProvider time)
{
    public const string HttpClientName = "Studenka.Ruian.Cuzk";

    /// <summary>The two vintages to try, newest first, for the town's date <paramref name="today"/>.</summary>
    public static IReadOnlyList<DateOnly> Vintages(DateOnly today)
    {
        var latest = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        return [latest, new DateOnly(latest.Year, latest.Month, 1).AddDays(-1)];
    }

    public static string FileName(DateOnly vintage, long municipality) =>
        $"{vintage.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_OB_{municipality.ToString(CultureInfo.InvariantCulture)}_ADR.csv.zip";

    /// <summary>Writes the zip to <paramref name="target"/>; returns its file name, or the reason it could not.</summary>
    public async Task<(string? FileName, string? Error)> DownloadAsync(string target, IProgress<RuianImportProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = clients.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(settings.CuzkTimeoutSeconds);
        var vintages = Vintages(DateOnly.FromDateTime(calendar.ToLocal(time.GetUtcNow()).DateTime));
        var baseUri = new Uri(settings.CuzkBaseUrl);
        foreach (var vintage in vintages)
        {
            var name = FileName(vintage, settings.MunicipalityCode);
            var uri = new Uri(baseUri, name);
            try
            {
                using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return (null, $"Server ČÚZK ({baseUri.Host}) odpověděl chybou {(int)response.StatusCode}. Zkuste to později, nebo soubor stáhněte ručně a nahrajte ho.");
                }

                var error = await SaveAsync(response, target, settings.CuzkMaxDownloadBytes, progress, cancellationToken);
                return error is null ? (name, null) : (null, error);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"Server ČÚZK ({baseUri.Host}) neodpověděl do {settings.CuzkTimeoutSeconds} s. Zkuste to později, nebo soubor stáhněte ručně a nahrajte ho.");
            }
            catch (HttpRequestException)
            {
                return (null, $"Server ČÚZK ({baseUri.Host}) není dostupný. Zkontrolujte připojení serveru k internetu a zkuste to později, nebo soubor stáhněte ručně a nahrajte ho.");
            }
            catch (IOException)
            {
                return (null, $"Stahování ze serveru ČÚZK ({baseUri.Host}) se přerušilo. Zkuste to znovu.");
            }
        }

        return (null, $"ČÚZK nenabízí soubor adresních míst obce {settings.MunicipalityCode} k {Czech(vintages[0])} ani k {Czech(vintages[1])} " +
            $"({new Uri(baseUri, FileName(vintages[0], settings.MunicipalityCode))}). Zkontrolujte kód obce v nastavení (Studenka:Ruian:MunicipalityCode).");
    }

    private static async Task<string?> SaveAsync(HttpResponseMessage response, string target, long maxBytes, IProgress<RuianImportProgress>? progress, CancellationToken cancellationToken)
    {
        var tooLarge = $"Soubor z ČÚZK je větší než {maxBytes / 1024 / 1024} MB (Studenka:Ruian:CuzkMaxDownloadBytes); stahování bylo zastaveno.";
        var total = response.Content.Headers.ContentLength;
        if (total > maxBytes)
        {
            return tooLarge;
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long written = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            written += read;
            if (written > maxBytes)
            {
                return tooLarge;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            progress?.Report(new RuianImportProgress(RuianImportPhase.Downloading, written, total));
        }

        return written == 0 ? "Server ČÚZK poslal prázdný soubor. Zkuste to později." : null;
    }

    private static string Czech(DateOnly date) => date.ToString("d. M. yyyy", CultureInfo.InvariantCulture);
}
