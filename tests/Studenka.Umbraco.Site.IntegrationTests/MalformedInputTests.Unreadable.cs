using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>Bodies that cannot even be read, and error pages asked for directly: a Czech 4xx that says what is wrong, never a 500.</summary>
public sealed partial class MalformedInputTests
{
    public static readonly string[] FormPaths = ["/sms/prihlaska", "/sms/overeni", "/sms/sprava", "/sms/sprava/odber"];

    /// <summary>Body builders given the page's antiforgery token, with the status and the words the page must say.</summary>
    public static readonly Dictionary<string, (Func<string, HttpContent> Body, HttpStatusCode Status, string Message)> UnreadableBodies = new()
    {
        ["NUL byte in a field name"] = (t => Form("%00=1&__RequestVerificationToken=" + Uri.EscapeDataString(t)), HttpStatusCode.BadRequest, "Formulář se nepodařilo přečíst: data nemají platný tvar."),
        ["broken multipart"] = (_ => Raw("--xx\r\nContent-Disposition: form-data; name=\"Phone\"\r\n\r\n603", "multipart/form-data; boundary=xx"), HttpStatusCode.BadRequest, "Formulář se nepodařilo přečíst: data nemají platný tvar."),
        ["too many fields"] = (t => Form(string.Join('&', Enumerable.Range(0, 300).Select(i => $"f{i}=1")) + "&__RequestVerificationToken=" + Uri.EscapeDataString(t)), HttpStatusCode.BadRequest, "obsahuje příliš mnoho polí"),
        ["too large"] = (t => Form("Phone=" + new string('6', 100_000) + "&__RequestVerificationToken=" + Uri.EscapeDataString(t)), HttpStatusCode.RequestEntityTooLarge, "je příliš velký"),
        ["JSON instead of a form"] = (t => Raw("{\"Phone\":\"603123456\",\"__RequestVerificationToken\":\"" + t + "\"}", "application/json"), HttpStatusCode.UnsupportedMediaType, "Formulář se nepodařilo přečíst: data nejsou formulář."),
    };

    public static TheoryData<string, string> UnreadableCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in FormPaths)
        {
            foreach (var body in UnreadableBodies.Keys)
            {
                data.Add(path, body);
            }
        }

        return data;
    }

    private static ByteArrayContent Raw(string body, string type) =>
        new(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = MediaTypeHeaderValue.Parse(type) } };

    private static ByteArrayContent Form(string body) => Raw(body, "application/x-www-form-urlencoded");

    [Theory]
    [MemberData(nameof(UnreadableCases))]
    public async Task An_unreadable_form_gets_a_czech_page_saying_what_is_wrong_and_the_way_back(string path, string body)
    {
        var (content, status, message) = UnreadableBodies[body];
        using var site = new StudenkaSiteFactory { EnvironmentName = "Production" };
        var resident = new ResidentClient(site);
        var token = await resident.TokenFromAsync("/sms");
        var before = Snapshot(site);

        using var response = await resident.Http.PostAsync(path, content(token));
        var page = await ResidentClient.TextAsync(response);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain("vypršel", page, StringComparison.Ordinal);
        Assert.Matches("<a class=\"studenka-sms-button\" href=\"/(sms|sms/sprava)\">Zpět na", page);
        Assert.Equal(before, Snapshot(site));
    }

    [Theory]
    [MemberData(nameof(UnreadableBodyNames))]
    public async Task The_error_page_never_reads_a_posted_body(string body)
    {
        using var site = new StudenkaSiteFactory { EnvironmentName = "Production" };
        var resident = new ResidentClient(site);

        using var response = await resident.Http.PostAsync("/chyba", UnreadableBodies[body].Body("token"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Stránka nebyla nalezena.", await ResidentClient.TextAsync(response), StringComparison.Ordinal);
    }

    public static TheoryData<string> UnreadableBodyNames() => new(UnreadableBodies.Keys);

    [Theory]
    [InlineData("/chyba/0", 404)]
    [InlineData("/chyba/101", 404)]
    [InlineData("/chyba/200", 404)]
    [InlineData("/chyba/204", 404)]
    [InlineData("/chyba/304", 404)]
    [InlineData("/chyba/abc", 404)]
    [InlineData("/chyba/99999999999", 404)]
    [InlineData("/chyba", 404)]
    [InlineData("/chyba/404", 404)]
    [InlineData("/chyba/500", 404)]
    [InlineData("/chyba/503", 404)]
    [InlineData("/chyba/599", 404)]
    [InlineData("/neexistuje", 404)]
    public async Task The_error_page_visited_directly_is_not_found_whatever_status_the_url_names(string path, int status)
    {
        using var site = new StudenkaSiteFactory { EnvironmentName = "Production" };

        using var response = await site.CreateClient().GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains("<p><a href=\"/\">Zpět na úvod</a></p>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string?, int, string> ApiErrors() => new()
    {
        { "Development", "GET", "/umbraco/sms/api/v1/campaigns/abc", null, 404, "Nenalezeno" },
        { "Production", "GET", "/umbraco/sms/api/v1/campaigns/abc", null, 404, "Nenalezeno" },
        { "Production", "GET", "/umbraco/sms/api/v1/neni-tu-nic", null, 404, "Nenalezeno" },
        { "Development", "DELETE", "/umbraco/sms/api/v1/campaigns", null, 405, "Metoda není povolena" },
        { "Production", "DELETE", "/umbraco/sms/api/v1/campaigns", null, 405, "Metoda není povolena" },
        { "Production", "POST", "/umbraco/sms/api/v1/campaigns", "", 415, "Nepodporovaný formát" },
        { "Production", "POST", "/umbraco/sms/api/v1/campaigns", "text/plain", 415, "Nepodporovaný formát" },
        { "Production", "POST", "/umbraco/sms/api/v1/campaigns", "application/json", 400, "Požadavek nelze přečíst." },
        { "Production", "POST", "/umbraco/sms/api/v1/campaigns/preview", "application/json", 400, "Požadavek nelze přečíst." },
        { "Production", "GET", "/umbraco/sms/api/v1/campaigns/0", null, 404, "Nenalezeno" },
        { "Production", "GET", "/umbraco/sms/api/v1/audit?take=0", null, 400, "Neplatný počet záznamů" },
    };

    [Theory]
    [MemberData(nameof(ApiErrors))]
    public async Task Api_errors_are_czech_problem_json_never_an_html_page(string environment, string method, string path, string? contentType, int status, string title)
    {
        using var site = new StudenkaSiteFactory { EnvironmentName = environment };
        var client = await site.CreateOperatorClientAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"text\":"));
            if (contentType.Length > 0)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        if (status == 405)
        {
            Assert.Contains("GET", response.Content.Headers.Allow);
        }
    }

    [Fact]
    public async Task Over_kestrel_an_api_body_over_the_limit_is_413_problem_json_and_a_huge_form_is_413_in_czech()
    {
        using var site = new StudenkaSiteFactory { EnvironmentName = "Production" };
        site.UseKestrel(0);
        site.StartServer();
        var account = await site.CreateOperatorAsync();
        // Expect: 100-continue, waited for as long as it takes: the client sends no body before the
        // answer, so the refusal cannot break the pipe mid-upload (Kestrel closes after a 413).
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), Expect100ContinueTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = site.ClientOptions.BaseAddress,
        };
        // A script's bearer token (client credentials): the test server speaks http, where the backoffice's Secure cookies stay home.
        await site.UseApiClientTokenAsync(client, account);

        // Kestrel's default limit is 30 MB.
        using var api = await client.SendAsync(ExpectingContinue("/umbraco/sms/api/v1/campaigns",
            new StringContent("{\"text\":\"" + new string('x', 31 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json")));
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        using var page = await client.SendAsync(ExpectingContinue("/sms/prihlaska", Form("Phone=" + new string('6', 100_000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("Požadavek je příliš velký", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        Assert.Contains("je příliš velký", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private static HttpRequestMessage ExpectingContinue(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }
}
