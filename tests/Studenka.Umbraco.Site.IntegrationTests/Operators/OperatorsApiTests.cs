using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>
/// The Site's Operators API (the backoffice's Operators view): create, disable, enable, role,
/// password — Administrators only, audited, and a disabled, re-roled or re-passworded operator's
/// sessions end at once. Nobody can disable or demote themselves or the last enabled administrator.
/// </summary>
public sealed class OperatorsApiTests : IDisposable
{
    private const string Api = "/umbraco/sms/api/v1/operators";
    private const string Areas = "/umbraco/sms/api/v1/areas";
    private const string NewPassword = "Nové-heslo-Hlídky-77";
    private readonly StudenkaSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private string[] AuditOf(string action)
    {
        using var db = _site.OpenDatabase();
        return [.. db.Query<string>("SELECT subject FROM audit_log WHERE action = @action ORDER BY id", new { action })];
    }

    [Fact]
    public async Task An_administrator_creates_an_operator_who_can_sign_in_with_that_role()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");

        using var created = await admin.PostJsonAsync(Api, new { userName = "hlidka", displayName = "Městská policie", role = "Dispatch", password = NewPassword });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Dispatch", "Dispečink", false), (view.GetProperty("role").GetString(), view.GetProperty("roleName").GetString(), view.GetProperty("disabled").GetBoolean()));
        using var hlidka = _site.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await hlidka.LoginAsync("hlidka", NewPassword)).StatusCode);
        Assert.Equal("Dispatch", (await hlidka.GetFromJsonAsync<JsonElement>("/umbraco/sms/api/v1/me")).GetProperty("role").GetString());
        Assert.Equal(["hlidka"], AuditOf("operator.created").Where(s => s == "hlidka"));
        var list = await admin.GetFromJsonAsync<JsonElement>(Api);
        Assert.Contains(list.EnumerateArray(), o => o.GetProperty("userName").GetString() == "hlidka");
        Assert.DoesNotContain("password", list.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"userName":"kratke","displayName":"Krátké","role":"Editor","password":"kratke"}""", HttpStatusCode.BadRequest, "password")]
    [InlineData("""{"userName":"s mezerou","displayName":"X","role":"Editor","password":"Dlouhé-heslo-42-ab"}""", HttpStatusCode.BadRequest, "userName")]
    [InlineData("""{"userName":"novy","displayName":"X","role":"Boss","password":"Dlouhé-heslo-42-ab"}""", HttpStatusCode.BadRequest, "role")]
    public async Task A_bad_new_operator_is_400_for_its_field_and_nothing_is_created(string json, HttpStatusCode status, string field)
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var before = (await admin.GetFromJsonAsync<JsonElement>(Api)).GetArrayLength();

        using var response = await admin.PostAsync(Api, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty(field)[0].GetString()));
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>(Api)).GetArrayLength());
    }

    [Fact]
    public async Task A_taken_name_in_any_letter_case_is_409()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        await _site.CreateOperatorAsync(OperatorRole.Editor, "jana");

        using var response = await admin.PostJsonAsync(Api, new { userName = "JANA", displayName = "Jana", role = "Editor", password = NewPassword });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("už existuje", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_ends_the_operators_session_at_once_and_enabling_lets_them_sign_in_again()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var hlidka = await _site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka");
        Assert.Equal(HttpStatusCode.OK, (await hlidka.GetAsync(Areas)).StatusCode);

        using var disabled = await admin.PostAsync($"{Api}/hlidka/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await hlidka.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _site.CreateAnonymousClient().LoginAsync("hlidka", OperatorClient.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Api}/hlidka/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _site.CreateAnonymousClient().LoginAsync("hlidka", OperatorClient.TestPassword)).StatusCode);
        Assert.Equal(["hlidka"], AuditOf("operator.disabled"));
        Assert.Equal(["hlidka"], AuditOf("operator.enabled"));
    }

    [Fact]
    public async Task A_new_password_ends_the_sessions_and_only_the_new_one_signs_in()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var jana = await _site.CreateOperatorClientAsync(OperatorRole.Editor, "jana");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/jana/password", new { password = "kratke" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jana.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/jana/password", new { password = NewPassword })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await jana.GetAsync(Areas)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _site.CreateAnonymousClient().LoginAsync("jana", OperatorClient.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _site.CreateAnonymousClient().LoginAsync("jana", NewPassword)).StatusCode);
        Assert.Equal(["jana"], AuditOf("operator.password-reset"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/nikdo/password", new { password = NewPassword })).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_session_and_the_next_sign_in_has_the_new_rights()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        using var jana = await _site.CreateOperatorClientAsync(OperatorRole.Editor, "jana");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/jana/role", new { role = "7" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/jana/role", new { role = "Administrator" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await jana.GetAsync(Areas)).StatusCode);
        using var again = _site.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await again.LoginAsync("jana", OperatorClient.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/umbraco/sms/api/v1/audit")).StatusCode);
        Assert.Equal(["jana"], AuditOf("operator.role-changed"));
    }

    [Fact]
    public async Task An_administrator_can_neither_disable_nor_demote_themselves()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        await _site.CreateOperatorAsync(OperatorRole.Administrator, "druhy");

        using var disable = await admin.PostAsync($"{Api}/SPRAVCE/disable", null);
        using var demote = await admin.SendJsonAsync(HttpMethod.Put, $"{Api}/spravce/role", new { role = "Editor" });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (disable.StatusCode, demote.StatusCode));
        Assert.Contains("Sami sebe zakázat nemůžete", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Areas)).StatusCode);
        Assert.Empty(AuditOf("operator.disabled"));
        Assert.Empty(AuditOf("operator.role-changed"));
    }

    [Fact]
    public async Task The_last_enabled_administrator_is_never_disabled_or_demoted_from_the_backoffice()
    {
        var accounts = _site.Services.GetRequiredService<OperatorAccounts>();
        await _site.CreateOperatorAsync(OperatorRole.Administrator, "jediny");
        await _site.CreateOperatorAsync(OperatorRole.Administrator, "vypnuty");
        Assert.True((await accounts.DisableAsync("vypnuty", OperatorIdentity.System, CancellationToken.None, keepAnAdministrator: true)).Succeeded);

        var disable = await accounts.DisableAsync("jediny", OperatorIdentity.System, CancellationToken.None, keepAnAdministrator: true);
        var demote = await accounts.ChangeRoleAsync("jediny", OperatorRole.Editor, OperatorIdentity.System, CancellationToken.None, keepAnAdministrator: true);

        Assert.Equal((OperatorAccounts.LastAdministrator, OperatorAccounts.LastAdministrator), (disable.Error, demote.Error));
        using var login = await _site.CreateAnonymousClient().LoginAsync("jediny", OperatorClient.TestPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(["vypnuty"], AuditOf("operator.disabled"));
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Editors_and_dispatch_get_403_from_every_operators_endpoint(OperatorRole role)
    {
        using var client = await _site.CreateOperatorClientAsync(role);
        await _site.CreateOperatorAsync(OperatorRole.Editor, "jana");

        var statuses = new[]
        {
            (await client.GetAsync(Api)).StatusCode,
            (await client.PostJsonAsync(Api, new { userName = "x", displayName = "X", role = "Administrator", password = NewPassword })).StatusCode,
            (await client.PostAsync($"{Api}/jana/disable", null)).StatusCode,
            (await client.SendJsonAsync(HttpMethod.Put, $"{Api}/jana/role", new { role = "Administrator" })).StatusCode,
            (await client.SendJsonAsync(HttpMethod.Put, $"{Api}/jana/password", new { password = NewPassword })).StatusCode,
        };

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Empty(AuditOf("operator.disabled"));
    }
}
