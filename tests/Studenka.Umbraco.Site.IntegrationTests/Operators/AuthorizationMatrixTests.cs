using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Reminders;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>One management endpoint and the status each caller gets; <see cref="Request"/> builds a fresh, valid request per call.</summary>
public sealed record MatrixRow(
    string Method, string Route, Func<IMatrixHost, Task<(string Path, object? Body)>> Request,
    int Anonymous, int Outsider, int Editor, int Dispatch, int Administrator)
{
    public string Key => $"{Method} {Route}";

    public int Expected(Caller caller) => caller switch
    {
        Caller.Anonymous => Anonymous,
        Caller.Outsider => Outsider,
        Caller.Editor => Editor,
        Caller.Dispatch => Dispatch,
        _ => Administrator,
    };
}

/// <summary>
/// Every management endpoint × every caller → the status the role policy promises. The endpoints are
/// read from the host's routing, so a new endpoint without a row fails here. A second host (the Site
/// with its own sign-in) plugs in by deriving from this class with its own <see cref="StartHostAsync"/>.
/// </summary>
public abstract class AuthorizationMatrixTests
{
    private const string Api = "umbraco/sms/api/v1";

    protected abstract Task<IMatrixHost> StartHostAsync();

    /// <summary>Endpoints only this host has (the Site's operators API), on top of <see cref="Rows"/>.</summary>
    protected virtual IReadOnlyList<MatrixRow> HostRows { get; } = [];

    /// <summary>The callers this host can have (all by default).</summary>
    protected virtual IReadOnlyList<Caller> Callers { get; } = Enum.GetValues<Caller>();

    private static Task<(string, object?)> At(string path, object? body = null) => Task.FromResult<(string, object?)>(("/" + Api + "/" + path, body));

    private static async Task<(string, object?)> OnCrisisDraft(IMatrixHost host, string suffix, object? body = null)
    {
        var created = await host.Services.GetRequiredService<CampaignService>()
            .CreateAsync(new CampaignDraft(1, null, null, "Cvičný poplach sirén."), OperatorIdentity.System, CancellationToken.None);
        return ($"/{Api}/campaigns/{created.Campaign!.Id}{suffix}", body);
    }

    private static async Task<(string, object?)> UnlistedMapping(IMatrixHost host)
    {
        var part = (await host.Services.GetRequiredService<AreaRepository>().GetCatalogAsync(CancellationToken.None)).Parts.First(p => p.Streets.Count > 0);
        return ($"/{Api}/areas/unlisted-streets/mapping", new { cityPartId = part.Part.Id, name = "Nikdo tu nebydlí", streetId = part.Streets[0].Id });
    }

    /// <summary>A valid assisted sign-up for a number nobody used before (each call gets its own, so no cooldown applies).</summary>
    private static async Task<(string, object?)> AssistedSignUp(IMatrixHost host, string suffix)
    {
        var part = (await host.Services.GetRequiredService<AreaRepository>().GetCatalogAsync(CancellationToken.None)).Parts.First(p => p.Streets.Count > 0);
        var phone = "+420603" + Random.Shared.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return ($"/{Api}/subscribers/assisted/{suffix}", new { phone, addresses = new[] { new { partId = part.Part.Id, streetId = part.Streets[0].Id } }, packages = new[] { 2 }, consent = true });
    }

    /// <summary>A page whose publish left a draft announcement (package 4), so "send now" has something to send.</summary>
    private static async Task<(string, object?)> OnAnnouncedPage(IMatrixHost host, string suffix)
    {
        var (page, _) = await Editors.PageCampaigns.AnnouncedAsync(host.Services);
        return ($"/{Api}/content/{page}{suffix}", null);
    }

    /// <summary>A stored recurring announcement (waste collection), for the endpoints that change one.</summary>
    private static async Task<(string, object?)> OnRecurring(IMatrixHost host, object? body = null)
    {
        var created = await host.Services.GetRequiredService<RecurringAnnouncements>()
            .CreateAsync(new RecurringInput("Svoz odpadu", "0 0 7 ? * TUE", "Zítra svoz odpadu.", 2), OperatorIdentity.System, CancellationToken.None);
        return ($"/{Api}/recurring/{created.Announcement!.Id}", body);
    }

    private const int Ok = 200, Created = 201, Accepted = 202, BadRequest = 400, Unsupported = 415, Unauthorized = 401, Forbidden = 403, NotFound = 404, Conflict = 409;

    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        new("GET", $"{Api}/me", _ => At("me"), Unauthorized, Forbidden, Ok, Ok, Ok),
        new("GET", $"{Api}/templates", _ => At("templates"), Unauthorized, Forbidden, Ok, Ok, Ok),
        new("GET", $"{Api}/areas", _ => At("areas"), Unauthorized, Forbidden, Ok, Ok, Ok),
        new("GET", $"{Api}/packages", _ => At("packages"), Unauthorized, Forbidden, Ok, Ok, Ok),
        new("POST", $"{Api}/campaigns/preview", _ => At("campaigns/preview", new { packageId = 1, text = "Povodeň" }), Unauthorized, Forbidden, Forbidden, Ok, Ok),
        new("POST", $"{Api}/campaigns", _ => At("campaigns", new { packageId = 1, text = "Povodeň" }), Unauthorized, Forbidden, Forbidden, Created, Created),
        new("GET", $"{Api}/campaigns", _ => At("campaigns"), Unauthorized, Forbidden, Ok, Ok, Ok),
        new("GET", $"{Api}/campaigns/{{id:long}}", h => OnCrisisDraft(h, ""), Unauthorized, Forbidden, Ok, Ok, Ok),
        new("POST", $"{Api}/campaigns/{{id:long}}/schedule", h => OnCrisisDraft(h, "/schedule", new { sendAt = "2026-11-27T12:00:00+01:00" }), Unauthorized, Forbidden, Forbidden, Ok, Ok),
        new("POST", $"{Api}/campaigns/{{id:long}}/send", h => OnCrisisDraft(h, "/send"), Unauthorized, Forbidden, Forbidden, Ok, Ok),
        new("POST", $"{Api}/campaigns/{{id:long}}/cancel", h => OnCrisisDraft(h, "/cancel"), Unauthorized, Forbidden, Forbidden, Ok, Ok),
        // Nothing failed in a fresh draft: those who may send package 1 get "nothing to resend".
        new("POST", $"{Api}/campaigns/{{id:long}}/resend-failed", h => OnCrisisDraft(h, "/resend-failed"), Unauthorized, Forbidden, Forbidden, Conflict, Conflict),
        new("GET", $"{Api}/campaigns/{{id:long}}/recipients", h => OnCrisisDraft(h, "/recipients"), Unauthorized, Forbidden, Forbidden, Ok, Ok),
        new("GET", $"{Api}/campaigns/{{id:long}}/recipients/export", h => OnCrisisDraft(h, "/recipients/export"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/content/{{key:guid}}/campaigns", h => OnAnnouncedPage(h, "/campaigns"), Unauthorized, Forbidden, Ok, Ok, Ok),
        // A page's SMS is the town hall's: Dispatch does not send it.
        new("POST", $"{Api}/content/{{key:guid}}/send-now", h => OnAnnouncedPage(h, "/send-now"), Unauthorized, Forbidden, Ok, Forbidden, Ok),
        new("GET", $"{Api}/delivery/status", _ => At("delivery/status"), Unauthorized, Forbidden, Ok, Ok, Ok),
        // Only an Administrator can remove a pause's cause (key, balance), so only an Administrator resumes.
        new("POST", $"{Api}/delivery/resume", _ => At("delivery/resume"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("POST", $"{Api}/delivery/email/resume", _ => At("delivery/email/resume"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/audit", _ => At("audit"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/audit/search", _ => At("audit/search?action=campaign.&take=10"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/audit/actions", _ => At("audit/actions"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        // Counts only: the town hall's roles see them, Dispatch does not.
        new("GET", $"{Api}/statistics/subscribers", _ => At("statistics/subscribers"), Unauthorized, Forbidden, Ok, Forbidden, Ok),
        new("GET", $"{Api}/statistics/subscribers/export", _ => At("statistics/subscribers/export"), Unauthorized, Forbidden, Ok, Forbidden, Ok),
        new("GET", $"{Api}/statistics/deliveries", _ => At("statistics/deliveries?from=2026-01&to=2026-12"), Unauthorized, Forbidden, Ok, Forbidden, Ok),
        new("GET", $"{Api}/statistics/deliveries/export", _ => At("statistics/deliveries/export?by=campaign"), Unauthorized, Forbidden, Ok, Forbidden, Ok),
        new("GET", $"{Api}/statistics/sms", _ => At("statistics/sms"), Unauthorized, Forbidden, Ok, Forbidden, Ok),
        new("GET", $"{Api}/statistics/sms/export", _ => At("statistics/sms/export"), Unauthorized, Forbidden, Ok, Forbidden, Ok),
        new("GET", $"{Api}/settings/verification-cap", _ => At("settings/verification-cap"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("PUT", $"{Api}/settings/verification-cap", _ => At("settings/verification-cap", new { dailyCap = 600 }), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/settings", _ => At("settings"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("PUT", $"{Api}/settings/quiet-hours", _ => At("settings/quiet-hours", new { quietHours = new[] { new { packageId = 2, start = "21:00", end = "07:00" } } }), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("PUT", $"{Api}/settings/price", _ => At("settings/price", new { pricePerSegmentCzk = 0.9m }), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("PUT", $"{Api}/settings/originators", _ => At("settings/originators", new { dispatch = new[] { "MP Studenka" } }), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("PUT", $"{Api}/settings/templates", _ => At("settings/templates", new { templates = new[] { new { key = "povoden", name = "Povodeň", package = 1, text = "Povodeň" } } }), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("PUT", $"{Api}/settings/privacy", _ => At("settings/privacy", new
        {
            controllerName = "Město Studénka", controllerIco = "00298468", controllerAddress = "nám. Republiky 762", contactEmail = "podatelna@studenka.cz",
            smsProcessor = "MessageBird", emailPurpose = "Jen kvůli odběru.",
        }), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("DELETE", $"{Api}/settings/{{name}}", _ => At("settings/price"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/recurring", _ => At("recurring"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("POST", $"{Api}/recurring", _ => At("recurring", new { name = "Zastupitelstvo", cron = "0 0 16 ? * MON#1", text = "Dnes zasedá zastupitelstvo.", packageId = 3 }),
            Unauthorized, Forbidden, Forbidden, Forbidden, Created),
        new("PUT", $"{Api}/recurring/{{id:long}}", h => OnRecurring(h, new { name = "Svoz odpadu", cron = "0 0 6 ? * TUE", text = "Dnes svoz odpadu.", packageId = 2 }),
            Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("DELETE", $"{Api}/recurring/{{id:long}}", h => OnRecurring(h), Unauthorized, Forbidden, Forbidden, Forbidden, 204),
        new("GET", $"{Api}/areas/needs-mapping", _ => At("areas/needs-mapping"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/areas/house-number-mismatches", _ => At("areas/house-number-mismatches"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        // Administrators get through to the mapping, which finds nothing to map.
        new("POST", $"{Api}/areas/streets/{{id:long}}/mapping", _ => At("areas/streets/999999/mapping", new { streetId = 1 }), Unauthorized, Forbidden, Forbidden, Forbidden, NotFound),
        new("POST", $"{Api}/areas/unlisted-streets/mapping", UnlistedMapping, Unauthorized, Forbidden, Forbidden, Forbidden, NotFound),
        new("GET", $"{Api}/subscribers", _ => At("subscribers?q=Mal%C3%A1"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/subscribers/counts", _ => At("subscribers/counts"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/subscribers/export", _ => At("subscribers/export"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        // Administrators get through to the deletion, which finds nobody to delete.
        new("DELETE", $"{Api}/subscribers/{{id:long}}", _ => At("subscribers/999999"), Unauthorized, Forbidden, Forbidden, Forbidden, NotFound),
        new("POST", $"{Api}/subscribers/assisted/code", h => AssistedSignUp(h, "code"), Unauthorized, Forbidden, Forbidden, Forbidden, Accepted),
        // Administrators get through to the check, which knows no such sign-up.
        new("POST", $"{Api}/subscribers/assisted/confirm", _ => At("subscribers/assisted/confirm", new { token = "neplatny", code = "123456" }), Unauthorized, Forbidden, Forbidden, Forbidden, BadRequest),
        new("POST", $"{Api}/subscribers/assisted/written-consent", h => AssistedSignUp(h, "written-consent"), Unauthorized, Forbidden, Forbidden, Forbidden, Created),
        new("GET", $"{Api}/areas/overview", _ => At("areas/overview"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/areas/imports", _ => At("areas/imports"), Unauthorized, Forbidden, Forbidden, Forbidden, Ok),
        new("GET", $"{Api}/areas/imports/{{id:long}}", _ => At("areas/imports/999999"), Unauthorized, Forbidden, Forbidden, Forbidden, NotFound),
        // Administrators get through to the upload, which wants a file, not an empty body.
        new("POST", $"{Api}/areas/imports", _ => At("areas/imports"), Unauthorized, Forbidden, Forbidden, Forbidden, Unsupported),
        // The hosts point ČÚZK at a closed loopback port: the job starts (202) and fails without leaving the machine.
        new("POST", $"{Api}/areas/imports/cuzk", _ => At("areas/imports/cuzk"), Unauthorized, Forbidden, Forbidden, Forbidden, Accepted),
    ];

    private static IEnumerable<string> KeysOf(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            .Where(m => m is not "HEAD") // answered like GET by the package's convention
            .Select(m => $"{m} {endpoint.RoutePattern.RawText}");

    [Fact]
    public async Task Every_management_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        await using var host = await StartHostAsync();

        var endpoints = host.Endpoints.SelectMany(KeysOf).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Rows.Concat(HostRows).Select(r => r.Key).Order(StringComparer.Ordinal), endpoints);
    }

    [Fact]
    public async Task Each_caller_gets_the_status_of_its_role()
    {
        await using var host = await StartHostAsync();
        var wrong = new List<string>();

        foreach (var row in Rows.Concat(HostRows))
        {
            foreach (var caller in Callers)
            {
                var (path, body) = await row.Request(host);
                using var client = host.ClientFor(caller);
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), path) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != row.Expected(caller))
                {
                    wrong.Add($"{row.Key} as {caller}: {(int)response.StatusCode}, expected {row.Expected(caller)} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}

/// <summary>The matrix through the package's Umbraco adapter (Core users and groups, OpenIddict's scheme name).</summary>
public sealed class UmbracoAdapterAuthorizationMatrixTests : AuthorizationMatrixTests
{
    protected override async Task<IMatrixHost> StartHostAsync() => await UmbracoAdapterHost.StartAsync();
}

/// <summary>
/// The matrix on the Site with real tokens from its own sign-in. The Site has no outsiders: each of its
/// user groups allows the SMS section, and a token whose operator is gone or disabled is refused with
/// 401 by the token check (<see cref="BackOfficeSignInTests"/>), so that column is not asked here.
/// </summary>
public sealed class SiteAuthorizationMatrixTests : AuthorizationMatrixTests
{
    protected override IReadOnlyList<Caller> Callers { get; } = [Caller.Anonymous, Caller.Editor, Caller.Dispatch, Caller.Administrator];

    protected override async Task<IMatrixHost> StartHostAsync() => await SiteMatrixHost.StartAsync();

    private const string Operators = "/umbraco/sms/api/v1/operators";

    /// <summary>A fresh Editor account to act on, so each call finds its target as the row expects.</summary>
    private static async Task<(string, object?)> OnNewEditor(IMatrixHost host, string suffix, object? body = null)
    {
        var userName = "cil-" + Guid.NewGuid().ToString("N")[..8];
        await host.Services.GetRequiredService<OperatorAccounts>()
            .CreateAsync(userName, "Cíl změny", OperatorRole.Editor, "Dlouhé-heslo-cíle-42", OperatorIdentity.System, CancellationToken.None);
        return ($"{Operators}/{userName}{suffix}", body);
    }

    private const string Pages = "/umbraco/sms/api/v1/pages";

    /// <summary>A fresh news page of the Site (published when <paramref name="published"/>), so each call finds its target as the row expects.</summary>
    private static async Task<(string, object?)> OnNewPage(IMatrixHost host, string suffix, object? body = null, bool published = false)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var pages = scope.ServiceProvider.GetRequiredService<global::Studenka.Umbraco.Site.Content.SitePages>();
        var created = await pages.CreateAsync(new global::Studenka.Umbraco.Site.Content.PageRequest("newsPage", "Zpráva z radnice", "", null, null, false, null, null, null, null, null),
            OperatorIdentity.System, CancellationToken.None);
        if (published)
        {
            await pages.PublishAsync(created.Page!.Key, OperatorIdentity.System, CancellationToken.None);
        }

        return ($"{Pages}/{created.Page!.Key}{suffix}", body);
    }

    private static readonly object NewsBody = new { documentType = "newsPage", title = "Nová lávka" };

    protected override IReadOnlyList<MatrixRow> HostRows { get; } =
    [
        // The Site's event and news pages: the town hall's roles (the content section), not Dispatch.
        new("GET", "umbraco/sms/api/v1/pages", _ => Task.FromResult<(string, object?)>((Pages, null)), 401, 403, 200, 403, 200),
        new("POST", "umbraco/sms/api/v1/pages", _ => Task.FromResult<(string, object?)>((Pages, NewsBody)), 401, 403, 201, 403, 201),
        new("GET", "umbraco/sms/api/v1/pages/{key:guid}", h => OnNewPage(h, ""), 401, 403, 200, 403, 200),
        new("PUT", "umbraco/sms/api/v1/pages/{key:guid}", h => OnNewPage(h, "", NewsBody), 401, 403, 200, 403, 200),
        new("POST", "umbraco/sms/api/v1/pages/{key:guid}/publish", h => OnNewPage(h, "/publish"), 401, 403, 200, 403, 200),
        new("POST", "umbraco/sms/api/v1/pages/{key:guid}/unpublish", h => OnNewPage(h, "/unpublish", published: true), 401, 403, 200, 403, 200),
        new("DELETE", "umbraco/sms/api/v1/pages/{key:guid}", h => OnNewPage(h, ""), 401, 403, 204, 403, 204),
        new("GET", "umbraco/sms/api/v1/operators", _ => Task.FromResult<(string, object?)>((Operators, null)), 401, 403, 403, 403, 200),
        new("POST", "umbraco/sms/api/v1/operators", _ => Task.FromResult<(string, object?)>((Operators,
            new { userName = "nova-" + Guid.NewGuid().ToString("N")[..8], displayName = "Nová", role = "Editor", password = "Dlouhé-heslo-nové-42" })), 401, 403, 403, 403, 201),
        new("POST", "umbraco/sms/api/v1/operators/{userName}/disable", h => OnNewEditor(h, "/disable"), 401, 403, 403, 403, 200),
        new("POST", "umbraco/sms/api/v1/operators/{userName}/enable", h => OnNewEditor(h, "/enable"), 401, 403, 403, 403, 200),
        new("PUT", "umbraco/sms/api/v1/operators/{userName}/role", h => OnNewEditor(h, "/role", new { role = "Dispatch" }), 401, 403, 403, 403, 200),
        new("PUT", "umbraco/sms/api/v1/operators/{userName}/password", h => OnNewEditor(h, "/password", new { password = "Jiné-dlouhé-heslo-43" }), 401, 403, 403, 403, 200),
    ];
}
