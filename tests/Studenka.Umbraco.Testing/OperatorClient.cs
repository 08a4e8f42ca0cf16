using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// Signed-in operators for tests: the account is created through the real service and the client
/// logs in through the real JSON login, so every test exercises the same path a script would.
/// </summary>
public static class OperatorClient
{
    /// <summary>Only ever used in tests; long enough for the default minimum length.</summary>
    public const string TestPassword = "Studénka-test-heslo-42";

    public const string LoginPath = "/umbraco/sms/api/v1/auth/login";

    private static readonly OperatorIdentity TestActor = new("tests", "test setup");

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

    /// <summary>A client with a cookie jar and no redirects followed, not signed in.</summary>
    public static HttpClient CreateAnonymousClient(this WebApplicationFactory<Program> site) =>
        site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string userName, string password) =>
        client.PostJsonAsync(LoginPath, new { userName, password });

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
}
