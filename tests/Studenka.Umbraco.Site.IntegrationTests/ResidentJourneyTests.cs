using System.Net;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

public sealed class ResidentJourneyTests : IDisposable
{
    private readonly StudenkaSiteFactory _site = new();
    private readonly ResidentClient _resident;

    public ResidentJourneyTests() => _resident = new ResidentClient(_site);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task The_sms_page_offers_the_form_with_Studenka_parts_streets_and_five_packages()
    {
        var html = await _resident.PageTextAsync("/sms");

        Assert.Contains("Butovice", html, StringComparison.Ordinal);
        Assert.Contains("Nová Horka", html, StringComparison.Ordinal);
        Assert.Contains("Malá strana", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        for (var p = 1; p <= 5; p++)
        {
            Assert.Contains($"id=\"sms-package-{p}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_up_sends_a_code_and_only_the_code_activates_the_subscription()
    {
        var response = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Nothing is a subscription before the code: the sign-up waits beside its code.
        Assert.Null(Status("+420603123456"));
        var code = _resident.LatestCode("+420603123456");
        Assert.Matches("^[0-9]{6}$", code);

        var page = response.Headers.Location!.OriginalString;
        Assert.DoesNotContain("603", page, StringComparison.Ordinal);
        var confirmed = await _resident.PostAsync("/sms/overeni", [new("t", ResidentClient.TokenParameter(response)), new("code", code)], page);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("odběr je aktivní", await ResidentClient.TextAsync(confirmed), StringComparison.Ordinal);
        Assert.Equal("active", Status("+420603123456"));
        using var db = _site.OpenDatabase();
        var consent = db.QuerySingle<(string Version, long At)>("SELECT consent_version, consent_at_ms FROM subscribers");
        Assert.Equal("2026-11", consent.Version);
        Assert.Equal(_site.Time.GetUtcNow().ToUnixTimeMilliseconds(), consent.At);
        Assert.Equal([1L, 4L], db.Query<long>("SELECT package_id FROM subscriber_packages ORDER BY package_id"));
        Assert.Equal("216", db.ExecuteScalar<string>("SELECT house_number FROM subscriber_addresses"));
    }

    [Fact]
    public async Task A_code_entered_after_ten_minutes_is_refused_and_a_new_one_can_be_requested()
    {
        var response = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");
        var page = response.Headers.Location!.OriginalString;
        var t = ResidentClient.TokenParameter(response);
        var oldCode = _resident.LatestCode("+420603123456");
        _site.Time.Advance(TimeSpan.FromMinutes(10));

        var expired = await _resident.PostAsync("/sms/overeni", [new("t", t), new("code", oldCode)], page);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("Platnost kódu vypršela", await ResidentClient.TextAsync(expired), StringComparison.Ordinal);

        var resend = await _resident.PostAsync("/sms/overeni/znovu", [new("t", t)], page);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        var newCode = _resident.LatestCode("+420603123456");
        var confirmed = await _resident.PostAsync("/sms/overeni", [new("t", t), new("code", newCode)], page);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("active", Status("+420603123456"));
    }

    [Fact]
    public async Task An_active_number_is_not_duplicated_but_its_owner_is_led_to_manage_by_sms()
    {
        await _resident.SignUpAndConfirmAsync();
        _site.Time.Advance(TimeSpan.FromSeconds(61));

        var again = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "+420 603 123 456", site: _site), "/sms");

        // The page is the one any sign-up gets (nobody learns who subscribes); the SMS tells the owner.
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith("/sms/overeni?t=", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        Assert.Equal(1L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM subscribers"));
        Assert.Equal(2L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM sandbox_sms"));
        Assert.Contains("uz odebirate", db.ExecuteScalar<string>("SELECT body FROM sandbox_sms ORDER BY id DESC LIMIT 1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_in_the_already_subscribed_sms_opens_management_from_the_same_page_without_another_sms()
    {
        await _resident.SignUpAndConfirmAsync();
        _site.Time.Advance(TimeSpan.FromMinutes(45));
        var again = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");
        var notice = _resident.LatestCode("+420603123456");

        var confirm = await _resident.PostAsync("/sms/overeni", [new("t", ResidentClient.TokenParameter(again)), new("code", notice)], again.Headers.Location!.OriginalString);

        // The next step of "I already subscribe" is managing it: no second code, so no cooldown in the way.
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/sms/sprava/odber", confirm.Headers.Location!.OriginalString);
        Assert.Contains("Váš odběr SMS zpráv", await _resident.PageTextAsync("/sms/sprava/odber"), StringComparison.Ordinal);
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        Assert.Equal(2L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM sandbox_sms"));
        Assert.Equal(1L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM subscribers"));
    }

    [Fact]
    public async Task A_resident_changes_packages_and_addresses_with_phone_and_code()
    {
        await _resident.SignUpAndConfirmAsync();
        await _resident.OpenManageAsync();

        var editPage = await _resident.PageTextAsync("/sms/sprava/odber");
        Assert.Contains("Váš odběr SMS zpráv", editPage, StringComparison.Ordinal);
        Assert.Contains("+420 603 123 456", editPage, StringComparison.Ordinal);
        var novaHorka = ResidentClient.PartId(_site, "Nová Horka").ToString(System.Globalization.CultureInfo.InvariantCulture);
        var saved = await _resident.PostAsync("/sms/sprava/odber",
        [
            new("Name", "Jana Nováková"),
            new("Addresses[0].PartId", novaHorka),
            new("Addresses[0].HouseNumber", "3"),
            new("Packages", "5"),
            new("Packages", "2"),
        ], "/sms/sprava/odber");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Změny jsou uložené", await _resident.PageTextAsync("/sms/sprava/odber"), StringComparison.Ordinal);
        using var db = _site.OpenDatabase();
        Assert.Equal([5L], db.Query<long>("SELECT package_id FROM subscriber_packages"));
        var address = db.QuerySingle<(long Part, long? Street, string House)>("SELECT city_part_id, street_id, house_number FROM subscriber_addresses");
        Assert.Equal((long.Parse(novaHorka, System.Globalization.CultureInfo.InvariantCulture), (long?)null, "3"), address);
    }

    [Fact]
    public async Task A_resident_downloads_their_data_as_json()
    {
        await _resident.SignUpAndConfirmAsync();
        await _resident.OpenManageAsync();

        var response = await _resident.Http.GetAsync("/sms/sprava/data.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.DispositionType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await ResidentClient.TextAsync(response));
        Assert.Equal("+420603123456", json.RootElement.GetProperty("telefon").GetString());
        Assert.Equal("Malá strana", json.RootElement.GetProperty("adresy")[0].GetProperty("ulice").GetString());
        Assert.Equal("Krizové zprávy", json.RootElement.GetProperty("balicky")[0].GetProperty("nazev").GetString());
        Assert.Equal("2026-11", json.RootElement.GetProperty("souhlas").GetProperty("verzeTextu").GetString());
    }

    [Fact]
    public async Task Cancelling_deletes_personal_data_at_once_keeps_an_anonymous_count_and_confirms_by_sms()
    {
        await _resident.SignUpAndConfirmAsync();
        await _resident.OpenManageAsync();

        var cancelled = await _resident.PostAsync("/sms/sprava/zrusit", [], "/sms/sprava/zrusit");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("Odběr je zrušen", await ResidentClient.TextAsync(cancelled), StringComparison.Ordinal);
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        foreach (var table in new[] { "subscribers", "subscriber_addresses", "subscriber_packages", "verification_codes", "manage_sessions" })
        {
            Assert.Equal(0L, db.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}"));
        }

        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM verification_sms_log WHERE phone_hash LIKE '%603123456%'"));
        Assert.Equal(1L, db.ExecuteScalar<long>("SELECT count FROM subscription_stats WHERE event = 'cancelled'"));
        Assert.Contains("zrusen", db.ExecuteScalar<string>("SELECT body FROM sandbox_sms ORDER BY id DESC LIMIT 1"), StringComparison.Ordinal);
        var afterwards = await _resident.Http.GetAsync("/sms/sprava/odber");
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task The_manage_session_expires_after_thirty_minutes()
    {
        await _resident.SignUpAndConfirmAsync();
        await _resident.OpenManageAsync();
        Assert.Equal(HttpStatusCode.OK, (await _resident.Http.GetAsync("/sms/sprava/odber")).StatusCode);

        _site.Time.Advance(TimeSpan.FromMinutes(31));

        var expired = await _resident.Http.GetAsync("/sms/sprava/odber");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("Přihlášení vypršelo", await ResidentClient.TextAsync(expired), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_that_is_not_subscribed_gets_no_manage_code_but_an_sms_with_the_sign_up_link()
    {
        var response = await _resident.PostAsync("/sms/sprava", [new("phone", "777 000 111")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sms/sprava/overeni?t=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        var sms = db.ExecuteScalar<string>("SELECT body FROM sandbox_sms WHERE recipient = '+420777000111'");
        Assert.Contains("zpravy mesta neodebira", sms, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]{6}", sms);
    }

    [Fact]
    public async Task The_sandbox_page_shows_what_residents_would_have_received()
    {
        await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");
        // The code leaves through the outbox a moment later (the worker); the page shows what has left.
        _site.DrainOutbox();

        var html = await _resident.PageTextAsync("/sms/sandbox");

        Assert.Contains("+420 603 123 456", html, StringComparison.Ordinal);
        Assert.Contains(_resident.LatestCode("+420603123456"), html, StringComparison.Ordinal);
    }

    private string? Status(string phone)
    {
        using var db = _site.OpenDatabase();
        return db.ExecuteScalar<string?>("SELECT status FROM subscribers WHERE phone = @phone", new { phone });
    }
}
