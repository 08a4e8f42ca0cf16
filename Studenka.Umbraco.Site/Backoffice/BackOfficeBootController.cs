using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>
/// The backoffice's single page, as Umbraco 17's <c>UmbracoBackOffice/Index.cshtml</c>: for
/// <c>/umbraco</c> and every client route below it (<c>/umbraco/section/sms</c>,
/// <c>/umbraco/oauth_complete</c>). API and asset paths that no endpoint answered stay 404s.
/// </summary>
[AllowAnonymous]
public sealed class BackOfficeBootController(BackOfficeClient client) : Controller
{
    [HttpGet("/umbraco")]
    [HttpHead("/umbraco")]
    [HttpGet("/umbraco/{**path}")]
    [HttpHead("/umbraco/{**path}")]
    public IActionResult Boot()
    {
        if (BackOfficePaths.IsApi(Request.Path))
        {
            return ApiProblems.Result(StatusCodes.Status404NotFound);
        }

        // A missing file of the bundle is a 404 the browser reports, not an HTML page it tries to run.
        if (Request.Path.StartsWithSegments(BackOfficePaths.Assets, StringComparison.OrdinalIgnoreCase) || Path.HasExtension(Request.Path.Value))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        if (client.Built is not { } built)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Content(
                "Administrace není sestavená: Site byl přeložen s -p:SkipClientBuild=true. Spusťte dotnet build bez tohoto přepínače (potřebuje node a npm).",
                "text/plain; charset=utf-8");
        }

        // The default encoder escapes <, > and & as \u003C…, so no package URL can end the script element.
        var importMap = JsonSerializer.Serialize(new { imports = client.ImportMap(built) });
        Response.Headers.ContentSecurityPolicy = BackOfficeSecurityHeaders.Policy(Hash(importMap));
        return Content(Page(built, importMap), "text/html; charset=utf-8");
    }

    /// <summary>
    /// Any method: an unknown Management API path is a 404 problem, not a 405 from the boot page's GET.
    /// The server-event hub (SignalR, asked for after sign-in) is not served either; the client
    /// tolerates the 404 and runs without live server events.
    /// </summary>
    [Route("/umbraco/management/api/{**path}")]
    [Route("/umbraco/serverEventHub/{**path}")]
    [IgnoreAntiforgeryToken]
    public IActionResult UnknownApi() => ApiProblems.Result(StatusCodes.Status404NotFound);

    private static string Hash(string script) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

    private static string Page(BuiltClient built, string importMap)
    {
        var assets = HtmlEncoder.Default.Encode(built.Assets);
        var app = HtmlEncoder.Default.Encode(built.App);
        return $"""
            <!doctype html>
            <html lang="cs">
            <head>
                <meta charset="UTF-8" />
                <base href="/umbraco/" />
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <meta name="robots" content="noindex, nofollow" />
                <title>Studénka – administrace</title>
                <link rel="stylesheet" href="{assets}/css/uui-css.css" />
                <link rel="stylesheet" href="{assets}/css/umb-css.css" />
                <script type="importmap">{importMap}</script>
                <script type="module" src="{app}"></script>
            </head>
            <body class="uui-font uui-text">
                <noscript><p>Administrace potřebuje JavaScript. Zapněte ho prosím v prohlížeči a stránku načtěte znovu.</p></noscript>
                <umb-app></umb-app>
            </body>
            </html>
            """;
    }
}
