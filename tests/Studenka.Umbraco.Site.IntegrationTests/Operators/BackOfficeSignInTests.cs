using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>The backoffice sign-in as Umbraco 17's client does it, and the refusals it must make.</summary>
public sealed class BackOfficeSignInTests
{
    private const string Audit = "/umbraco/sms/api/v1/audit";
    private const string Areas = "/umbraco/sms/api/v1/areas";
    private const string Token = OperatorClient.AuthRoot + "/token";

    [Fact]
    public async Task The_whole_flow_redacts_code_and_tokens_and_keeps_them_in_host_cookies()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync(OperatorRole.Dispatch, "hlidka1");
        using var client = site.CreateAnonymousClient();
        var pkce = Pkce.Create();

        using var login = await client.SubmitLoginAsync(account.UserName, OperatorClient.TestPassword, pkce);
        using var authorize = await client.GetAsync(OperatorClient.AuthorizeUrl(pkce));
        var location = new Uri(OperatorClient.BaseAddress, authorize.Headers.Location!);
        var redirect = QueryHelpers.ParseQuery(location.Query);
        using var token = await client.PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = OperatorClient.ClientId, ["redirect_uri"] = OperatorClient.RedirectUri,
            ["code"] = OperatorClient.Redacted, ["code_verifier"] = pkce.Verifier,
        }));
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith(OperatorClient.RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        Assert.Equal((OperatorClient.Redacted, "stav-42"), (redirect["code"].ToString(), redirect["state"].ToString()));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(OperatorClient.Redacted, body.GetProperty("access_token").GetString());
        Assert.Equal(OperatorClient.Redacted, body.GetProperty("refresh_token").GetString());
        Assert.Equal("offline_access", body.GetProperty("scope").GetString());
        Assert.Equal(300, body.GetProperty("expires_in").GetInt32());
        var cookies = token.Headers.GetValues("Set-Cookie").ToList();
        foreach (var name in new[] { "__Host-umbAccessToken=", "__Host-umbRefreshToken=" })
        {
            var cookie = Assert.Single(cookies, c => c.StartsWith(name, StringComparison.Ordinal));
            foreach (var part in new[] { "httponly", "secure", "samesite=strict", "path=/" })
            {
                Assert.Contains(part, cookie, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task The_current_user_is_the_operator_in_czech_with_the_sms_section_only()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka1");

        var me = await client.GetFromJsonAsync<JsonElement>(OperatorClient.CurrentUserPath);

        Assert.Equal("hlidka1", me.GetProperty("userName").GetString());
        Assert.Equal("Test Dispatch", me.GetProperty("name").GetString());
        Assert.Equal("cs", me.GetProperty("languageIsoCode").GetString());
        Assert.Equal(["Studenka.Notifications.Section"], me.GetProperty("allowedSections").EnumerateArray().Select(s => s.GetString()));
        Assert.False(me.GetProperty("isAdmin").GetBoolean());
        Assert.Single(me.GetProperty("userGroupIds").EnumerateArray());
        foreach (var array in new[] { "permissions", "fallbackPermissions", "documentStartNodeIds", "mediaStartNodeIds" })
        {
            Assert.Equal(JsonValueKind.Array, me.GetProperty(array).ValueKind);
        }
    }

    [Fact]
    public async Task A_wrong_pkce_verifier_is_invalid_grant()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        using var client = site.CreateAnonymousClient();
        var pkce = Pkce.Create();
        (await client.SubmitLoginAsync(account.UserName, OperatorClient.TestPassword, pkce)).Dispose();
        await client.AuthorizeAsync(pkce);

        using var token = await client.PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = OperatorClient.ClientId, ["redirect_uri"] = OperatorClient.RedirectUri,
            ["code"] = OperatorClient.Redacted, ["code_verifier"] = Pkce.Create().Verifier,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal("invalid_grant", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("https://evil.example/umbraco/oauth_complete", true)]
    [InlineData("", false)]
    public async Task Authorize_refuses_an_unregistered_redirect_or_a_missing_code_challenge(string redirectUri, bool withChallenge)
    {
        using var site = new StudenkaSiteFactory();
        using var client = site.CreateAnonymousClient();

        using var response = await client.GetAsync(OperatorClient.AuthorizeUrl(Pkce.Create(), redirectUri, withChallenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_api_needs_the_bearer_and_the_cookie_and_refuses_a_forged_cookie()
    {
        using var site = new StudenkaSiteFactory();
        using var signedIn = await site.CreateOperatorClientAsync();
        using var noBearer = site.CreateAnonymousClient();
        using var noCookie = site.CreateAnonymousClient();
        noCookie.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorClient.Redacted);
        using var forged = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = OperatorClient.BaseAddress });
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorClient.Redacted);
        forged.DefaultRequestHeaders.Add("Cookie", "__Host-umbAccessToken=CfDJ8-podvrh");

        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noBearer.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noCookie.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(Areas)).StatusCode);
        using var anonymous = await noBearer.GetAsync(Audit);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Each_refresh_rotates_the_refresh_token_and_a_replayed_old_one_ends_the_whole_session()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();
        var before = client.Cookie("__Host-umbRefreshToken")!;

        using var refreshed = await client.RefreshAsync();
        var after = client.Cookie("__Host-umbRefreshToken")!;
        var workingAfterRefresh = (await client.GetAsync(Areas)).StatusCode;
        // OpenIddict lets a just-rotated token be reused for 30 s (lost responses); after that a reuse means theft.
        site.Time.Advance(TimeSpan.FromMinutes(1));
        using var replay = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = OperatorClient.BaseAddress });
        replay.DefaultRequestHeaders.Add("Cookie", "__Host-umbRefreshToken=" + before);
        using var replayed = await replay.RefreshAsync();

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(before, after);
        Assert.Equal(HttpStatusCode.OK, workingAfterRefresh);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Areas)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_revokes_the_tokens_so_copies_of_the_cookies_stop_working()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();
        var access = client.Cookie("__Host-umbAccessToken")!;
        using var copy = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = OperatorClient.BaseAddress });
        copy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorClient.Redacted);
        copy.DefaultRequestHeaders.Add("Cookie", "__Host-umbAccessToken=" + access);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(Areas)).StatusCode);

        using var signOut = await client.GetAsync(OperatorClient.AuthRoot + "/signout?post_logout_redirect_uri=" + Uri.EscapeDataString("https://localhost/umbraco/oauth_complete/logout"));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("https://localhost/umbraco/oauth_complete/logout", new Uri(OperatorClient.BaseAddress, signOut.Headers.Location!).ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshAsync()).StatusCode);
        // The login ended too: authorize asks for the password again.
        using var again = await client.GetAsync(OperatorClient.AuthorizeUrl(Pkce.Create()));
        Assert.StartsWith(OperatorClient.LoginPagePath, again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_an_operator_ends_the_existing_session_at_the_next_call_and_refuses_the_password()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Areas)).StatusCode);

        var result = await site.Services.GetRequiredService<OperatorAccounts>().DisableAsync("hlidka1", new("tests", "test"), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshAsync()).StatusCode);
        using var fresh = site.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.LoginAsync("hlidka1", OperatorClient.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_even_when_its_token_escaped_revocation()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka1");
        using (var db = site.OpenDatabase())
        {
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE operators SET locked_until_ms = 1 WHERE user_name = 'hlidka1'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Areas)).StatusCode);
    }

    [Fact]
    public async Task Demoting_an_administrator_to_editor_ends_the_session_and_the_next_sign_in_has_editor_rights()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Audit)).StatusCode);

        await site.Services.GetRequiredService<OperatorAccounts>().ChangeRoleAsync("spravce", OperatorRole.Editor, new("tests", "test"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Audit)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshAsync()).StatusCode);

        using var again = site.CreateAnonymousClient();
        using (var login = await again.LoginAsync("spravce", OperatorClient.TestPassword))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync(Audit)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(Areas)).StatusCode);
        Assert.False((await again.GetFromJsonAsync<JsonElement>(OperatorClient.CurrentUserPath)).GetProperty("isAdmin").GetBoolean());
    }

    [Fact]
    public async Task The_access_token_expires_after_a_quarter_of_the_session_timeout()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();

        site.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Areas)).StatusCode);
    }
}
