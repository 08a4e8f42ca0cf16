using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Site.Backoffice.Auth;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// Signed-in operators for tests: the account is created through the real service and the client
/// signs in through the real backoffice flow (authorize with PKCE → the Czech login page with its
/// antiforgery token → code → token), then calls the API as the backoffice client does:
/// <c>Authorization: Bearer [redacted]</c> plus the HttpOnly token cookies.
/// </summary>
public static partial class OperatorClient
{
    /// <summary>Only ever used in tests; long enough for the default minimum length.</summary>
    public const string TestPassword = "Studénka-test-heslo-42";

    public const string AuthRoot = "/umbraco/management/api/v1/security/back-office";
    public const string LoginPagePath = "/umbraco/login";
    public const string CurrentUserPath = "/umbraco/management/api/v1/user/current";
    public const string ClientId = "umbraco-back-office";
    public const string Redacted = "[redacted]";

    /// <summary>https, so the <c>__Host-</c> Secure cookies are kept by the test client's cookie jar.</summary>
    public static readonly Uri BaseAddress = new("https://localhost");

    public static readonly string RedirectUri = new Uri(BaseAddress, "/umbraco/oauth_complete").ToString();

    private static readonly OperatorIdentity TestActor = new("tests", "test setup");

    private static readonly ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    /// <summary>Creates the operator in the site's database (fails the test if that is refused).</summary>
    public static async Task<Operator> CreateOperatorAsync(this WebApplicationFactory<Program> site, OperatorRole role = OperatorRole.Administrator, string? userName = null, string password = TestPassword, string? displayName = null)
    {
        userName ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
        var accounts = site.Services.GetRequiredService<OperatorAccounts>();
        var result = await accounts.CreateAsync(userName, displayName ?? $"Test {role}", role, password, TestActor, CancellationToken.None);
        return result.Operator ?? throw new InvalidOperationException($"Creating operator {userName} failed: {result.Outcome} {result.Error}");
    }

    /// <summary>
    /// A client that keeps cookies and does not follow redirects, signed in as a new operator of
    /// <paramref name="role"/>. Pass <paramref name="userName"/> to know (or reuse) the name.
    /// </summary>
    public static async Task<HttpClient> CreateOperatorClientAsync(this WebApplicationFactory<Program> site, OperatorRole role = OperatorRole.Administrator, string? userName = null)
    {
        var account = await site.CreateOperatorAsync(role, userName);
        var client = site.CreateAnonymousClient();
        using var response = await client.LoginAsync(account.UserName, TestPassword);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login of {account.UserName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>A client with a cookie jar (see <see cref="CookiesOf"/>), https base address and no redirects followed, not signed in.</summary>
    public static HttpClient CreateAnonymousClient(this WebApplicationFactory<Program> site)
    {
        var jar = new CookieContainer();
        var client = site.CreateDefaultClient(BaseAddress, new CookieContainerHandler(jar));
        Jars.AddOrUpdate(client, jar);
        return client;
    }

    /// <summary>The cookie jar of a client made by <see cref="CreateAnonymousClient"/>.</summary>
    public static CookieContainer CookiesOf(HttpClient client) =>
        Jars.TryGetValue(client, out var jar) ? jar : throw new InvalidOperationException("Not a client of OperatorClient.");

    /// <summary>The value of one cookie in the client's jar, or null.</summary>
    public static string? Cookie(this HttpClient client, string name) =>
        CookiesOf(client).GetCookies(BaseAddress)[name]?.Value;

    /// <summary>
    /// Signs in through the whole backoffice flow. Returns the login page's answer when it refuses
    /// (401, 429, 400), otherwise the token endpoint's answer (200, tokens redacted), after which the
    /// client sends <c>Authorization: Bearer [redacted]</c> on every request.
    /// </summary>
    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string userName, string password)
    {
        var pkce = Pkce.Create();
        var login = await client.SubmitLoginAsync(userName, password, pkce);
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            return login;
        }

        login.Dispose();
        var code = await client.AuthorizeAsync(pkce);
        var token = await client.PostAsync(AuthRoot + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["code"] = code,
            ["code_verifier"] = pkce.Verifier,
        }));
        if (token.IsSuccessStatusCode)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Redacted);
        }

        return token;
    }

    /// <summary>
    /// What a script does (README): an API client bound to <paramref name="account"/>, its
    /// client-credentials token, and that bearer on <paramref name="client"/> (no cookies needed).
    /// </summary>
    public static async Task UseApiClientTokenAsync(this WebApplicationFactory<Program> site, HttpClient client, Operator account)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var credentials = await scope.ServiceProvider.GetRequiredService<BackOfficeApplications>().CreateApiClientAsync(account, CancellationToken.None);
        using var response = await client.PostAsync(AuthRoot + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The authorize request the backoffice client starts with, for <paramref name="pkce"/>.</summary>
    public static string AuthorizeUrl(Pkce pkce, string redirectUri = "", bool withChallenge = true) =>
        QueryHelpers.AddQueryString(AuthRoot + "/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri.Length > 0 ? redirectUri : RedirectUri,
            ["response_type"] = "code",
            ["scope"] = "offline_access",
            ["state"] = "stav-42",
            ["code_challenge"] = withChallenge ? pkce.Challenge : null,
            ["code_challenge_method"] = withChallenge ? "S256" : null,
        });

    /// <summary>Authorize → the login page → its form posted; returns the form's answer (302 back to authorize on success).</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(this HttpClient client, string userName, string password, Pkce? pkce = null)
    {
        using var authorize = await client.GetAsync(AuthorizeUrl(pkce ?? Pkce.Create()));
        if (authorize.StatusCode != HttpStatusCode.Redirect || authorize.Headers.Location is not { } loginPage)
        {
            throw new InvalidOperationException($"Authorize did not send to the login page: {(int)authorize.StatusCode} {await authorize.Content.ReadAsStringAsync()}");
        }

        var returnUrl = QueryHelpers.ParseQuery(new Uri(BaseAddress, loginPage).Query)["returnUrl"].ToString();
        return await client.PostLoginFormAsync(userName, password, returnUrl, await client.AntiforgeryTokenAsync(loginPage.OriginalString));
    }

    public static Task<HttpResponseMessage> PostLoginFormAsync(this HttpClient client, string userName, string password, string returnUrl, string? antiforgeryToken) =>
        client.PostAsync(LoginPagePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = antiforgeryToken ?? string.Empty,
        }));

    /// <summary>The antiforgery token of the page at <paramref name="path"/> (the cookie half stays in the jar).</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return AntiforgeryInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    /// <summary>With the login cookie: authorize again and return the real code from its cookie's redirect (<c>code=[redacted]</c>).</summary>
    public static async Task<string> AuthorizeAsync(this HttpClient client, Pkce pkce)
    {
        using var response = await client.GetAsync(AuthorizeUrl(pkce));
        // The path only: with Studenka:Web:PublicBaseUrl the site's redirects name the public host.
        var location = response.Headers.Location is { } l ? new Uri(BaseAddress, l).ToString() : string.Empty;
        if (response.StatusCode != HttpStatusCode.Redirect || !new Uri(location).AbsolutePath.Equals("/umbraco/oauth_complete", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Authorize did not return a code: {(int)response.StatusCode} {location} {await response.Content.ReadAsStringAsync()}");
        }

        // The client never sees the code: it posts "[redacted]" and the server reads its cookie.
        return QueryHelpers.ParseQuery(new Uri(location).Query)["code"].ToString();
    }

    /// <summary>The refresh grant the client sends after every page load; rotates both token cookies.</summary>
    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client) =>
        client.PostAsync(AuthRoot + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ClientId,
            ["refresh_token"] = Redacted,
        }));

    /// <summary>POSTs <paramref name="body"/> as camelCase JSON (application/json), as the backoffice client does.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    /// <summary>Sends <paramref name="body"/> (or nothing) as JSON with any method, optionally with extra headers such as Origin.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body = null, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}

/// <summary>A PKCE verifier and its S256 challenge, as the backoffice client makes them.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new(verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
