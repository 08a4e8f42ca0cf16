using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// The real Umbraco 17 backoffice client boots in Chromium from the Site's bundle and start API, up
/// to the hand-over to the sign-in (the authorize request is answered here with 204, so the page
/// stays and nothing depends on the sign-in server).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BackOfficeBootTests(ChromiumFixture chromium) : SiteBrowserTest(chromium)
{
    [Fact]
    public async Task The_backoffice_boots_without_errors_and_asks_to_sign_in_with_PKCE()
    {
        var page = await Context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        var api = new ConcurrentQueue<(string Url, int Status)>();
        page.PageError += (_, error) => problems.Enqueue("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Enqueue("CSP: " + message.Text);
            }
        };
        page.RequestFailed += (_, request) => problems.Enqueue($"failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path.StartsWith("/umbraco/management/api/", StringComparison.Ordinal))
            {
                api.Enqueue((response.Url, response.Status));
            }
            else if (response.Status >= 400)
            {
                problems.Enqueue($"{response.Status} {response.Request.ResourceType} {response.Url}");
            }
        };
        var authorize = new TaskCompletionSource<IRequest>();
        await page.RouteAsync("**/umbraco/management/api/v1/security/back-office/authorize?**", async route =>
        {
            authorize.TrySetResult(route.Request);
            await route.FulfillAsync(new() { Status = 204 });
        });

        await page.GotoAsync("/umbraco");
        var signIn = await authorize.Task.WaitAsync(TimeSpan.FromSeconds(45));
        // Not NetworkIdle: the session worker keeps a connection open.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Artifacts.ScreenshotAsync(page, "backoffice-boot");

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(signIn.Url).Query);
        Assert.Equal("umbraco-back-office", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"]);
        Assert.Equal(Site.Url("/umbraco/oauth_complete"), query["redirect_uri"]);
        Assert.Empty(problems);
        Assert.Contains(api, r => r.Url.EndsWith("/server/status", StringComparison.Ordinal));
        var unanswered = api.Where(r => r.Status == 404 || r.Status >= 500).Select(r => $"{r.Status} {r.Url}").ToList();
        Assert.True(unanswered.Count == 0, "Management API calls the Site does not answer: " + string.Join(", ", unanswered));

        // The client starts in English until the signed-in user's languageIsoCode arrives; the Czech
        // it then loads is in the bundle (a lazy chunk), through the page's import map.
        var close = await page.EvaluateAsync<string>("""
            async () => {
                const { umbLocalizationRegistry } = await import('@umbraco-cms/backoffice/localization');
                const { umbLocalizationManager } = await import('@umbraco-cms/backoffice/localization-api');
                umbLocalizationRegistry.loadLanguage('cs-CZ');
                for (let i = 0; i < 100 && document.documentElement.lang !== 'cs-cz'; i++) await new Promise(r => setTimeout(r, 100));
                return umbLocalizationManager.localizations.get('cs')?.general_close ?? document.documentElement.lang;
            }
            """);
        Assert.Equal("Zavřít", close);
        Assert.Empty(problems);
    }
}
