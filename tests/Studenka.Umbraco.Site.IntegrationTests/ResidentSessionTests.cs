using System.Net;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>Whose data a manage session opens, what a pending sign-up confirms, and what strangers can learn.</summary>
public sealed class ResidentSessionTests : IDisposable
{
    private const string Other = "+420777222333";
    // SMS links come only from configuration (never from the request's Host header).
    private readonly StudenkaSiteFactory _site = new(new Dictionary<string, string?> { ["Studenka:Web:PublicSignUpUrl"] = "https://www.studenka.cz/sms" });
    private readonly ResidentClient _resident;

    public ResidentSessionTests() => _resident = new ResidentClient(_site);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_cancelled_residents_old_cookie_opens_nothing_after_the_next_sign_up()
    {
        await _resident.SignUpAndConfirmAsync();
        var cookie = await _resident.OpenManageAsync();
        var cancelledId = SubscriberId("+420603123456");
        Assert.Equal(HttpStatusCode.OK, (await _resident.PostAsync("/sms/sprava/zrusit", [], "/sms/sprava/zrusit")).StatusCode);

        var next = new ResidentClient(_site);
        await next.SignUpAndConfirmAsync("777 222 333", Other);
        using var thief = ResidentClient.WithCopiedCookie(_site, cookie);
        var edit = await thief.GetAsync("/sms/sprava/odber");
        var data = await thief.GetAsync("/sms/sprava/data");

        Assert.Equal(HttpStatusCode.Unauthorized, edit.StatusCode);
        Assert.DoesNotContain("777 222 333", await ResidentClient.TextAsync(edit), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        Assert.NotEqual(cancelledId, SubscriberId(Other));
    }

    [Fact]
    public async Task A_cookie_copied_before_leaving_the_management_opens_nothing_afterwards()
    {
        await _resident.SignUpAndConfirmAsync();
        var cookie = await _resident.OpenManageAsync();
        using var copy = ResidentClient.WithCopiedCookie(_site, cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/sms/sprava/odber")).StatusCode);

        var left = await _resident.PostAsync("/sms/sprava/odhlasit", [], "/sms/sprava/odber");

        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/sms/sprava/odber")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _resident.Http.GetAsync("/sms/sprava/odber")).StatusCode);
    }

    [Fact]
    public async Task A_second_sign_up_for_a_pending_number_does_not_change_what_the_first_code_confirms()
    {
        var first = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");
        var firstCode = _resident.LatestCode("+420603123456");
        _site.Time.Advance(TimeSpan.FromSeconds(61));
        var stranger = new ResidentClient(_site);
        var form = ResidentClient.SignUpForm(part: "Nová Horka", street: null, house: "1", packages: [2], site: _site)
            .Select(f => f.Key == "Name" ? new KeyValuePair<string, string>("Name", "Cizí člověk") : f);
        var second = await stranger.PostAsync("/sms/prihlaska", form, "/sms");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var confirmed = await _resident.PostAsync("/sms/overeni", [new("t", ResidentClient.TokenParameter(first)), new("code", firstCode)], first.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        using var db = _site.OpenDatabase();
        Assert.Equal(("Jana Nováková", "active"), db.QuerySingle<(string, string)>("SELECT name, status FROM subscribers"));
        Assert.Equal([1L, 4L], db.Query<long>("SELECT package_id FROM subscriber_packages ORDER BY package_id"));
        Assert.Equal(ResidentClient.StreetId(_site, "Butovice", "Malá strana"), db.ExecuteScalar<long>("SELECT street_id FROM subscriber_addresses"));
    }

    [Fact]
    public async Task Signing_up_an_active_number_looks_like_any_sign_up_and_the_owner_is_told_by_sms()
    {
        await _resident.SignUpAndConfirmAsync();
        _site.Time.Advance(TimeSpan.FromSeconds(61));
        var stranger = new ResidentClient(_site);

        var active = await stranger.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "+420 603 123 456", site: _site), "/sms");
        var fresh = await stranger.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "777 222 333", site: _site), "/sms");

        Assert.Equal(HttpStatusCode.Redirect, active.StatusCode);
        Assert.Equal(fresh.Headers.Location!.AbsolutePath(), active.Headers.Location!.AbsolutePath());
        Assert.Equal(ResidentClient.TokenParameter(fresh).Length, ResidentClient.TokenParameter(active).Length);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Http.GetAsync(active.Headers.Location)).StatusCode);
        var sms = NewestSms("+420603123456");
        Assert.Contains("uz odebirate", sms, StringComparison.Ordinal);
        Assert.Contains("https://www.studenka.cz/sms/sprava", sms, StringComparison.Ordinal);
        using var db = _site.OpenDatabase();
        Assert.Equal(1L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM subscribers WHERE status = 'active'"));
    }

    [Fact]
    public async Task Asking_for_a_manage_code_for_an_unknown_number_looks_the_same_and_the_number_is_told_by_sms()
    {
        await _resident.SignUpAndConfirmAsync();
        _site.Time.Advance(TimeSpan.FromSeconds(61));
        var stranger = new ResidentClient(_site);

        var known = await stranger.PostAsync("/sms/sprava", [new("phone", "603 123 456")]);
        var unknown = await stranger.PostAsync("/sms/sprava", [new("phone", "777 222 333")]);

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal(known.Headers.Location!.AbsolutePath(), unknown.Headers.Location!.AbsolutePath());
        Assert.Equal(ResidentClient.TokenParameter(known).Length, ResidentClient.TokenParameter(unknown).Length);
        Assert.Equal(HttpStatusCode.OK, (await stranger.Http.GetAsync(unknown.Headers.Location)).StatusCode);
        var sms = NewestSms(Other);
        Assert.Contains("zpravy mesta neodebira", sms, StringComparison.Ordinal);
        Assert.Contains("https://www.studenka.cz/sms.", sms, StringComparison.Ordinal);
        // The SMS costs money: it passes the same limits as a code.
        var again = await stranger.PostAsync("/sms/sprava", [new("phone", "777 222 333")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
    }

    [Fact]
    public async Task The_sign_up_code_page_answers_a_guess_the_same_whether_or_not_the_number_subscribes()
    {
        await _resident.SignUpAndConfirmAsync();
        _site.Time.Advance(TimeSpan.FromSeconds(61));
        var stranger = new ResidentClient(_site);
        var active = await stranger.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "603 123 456", site: _site), "/sms");
        var fresh = await stranger.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(phone: "777 222 333", site: _site), "/sms");

        var answers = new List<string>();
        foreach (var (redirect, phone) in new[] { (active, "603 123 456"), (fresh, "777 222 333") })
        {
            var page = redirect.Headers.Location!.OriginalString;
            for (var i = 0; i < 6; i++)
            {
                var guess = await stranger.PostAsync("/sms/overeni", [new("t", ResidentClient.TokenParameter(redirect)), new("code", "000000")], page);
                answers.Add($"{(int)guess.StatusCode} {ErrorOf(await ResidentClient.TextAsync(guess))}");
            }

            var resend = await stranger.PostAsync("/sms/overeni/znovu", [new("t", ResidentClient.TokenParameter(redirect))], page);
            answers.Add($"{(int)resend.StatusCode} {phone}");
        }

        Assert.Equal(answers[..7], answers[7..].Select(a => a.Replace("777 222 333", "603 123 456", StringComparison.Ordinal)));
        Assert.Contains("400 Kód nesouhlasí. Zbývá pokusů: 4.", answers);
    }

    [Fact]
    public async Task The_manage_code_page_answers_a_guess_the_same_whether_or_not_the_number_subscribes()
    {
        await _resident.SignUpAndConfirmAsync();
        _site.Time.Advance(TimeSpan.FromMinutes(31));
        var stranger = new ResidentClient(_site);
        var known = await stranger.PostAsync("/sms/sprava", [new("phone", "603 123 456")]);
        var unknown = await stranger.PostAsync("/sms/sprava", [new("phone", "777 222 333")]);

        var answers = new List<string>();
        foreach (var redirect in new[] { known, unknown })
        {
            for (var i = 0; i < 6; i++)
            {
                var guess = await stranger.PostAsync("/sms/sprava/overeni", [new("t", ResidentClient.TokenParameter(redirect)), new("code", "000000")], redirect.Headers.Location!.OriginalString);
                answers.Add($"{(int)guess.StatusCode} {ErrorOf(await ResidentClient.TextAsync(guess))}");
            }
        }

        Assert.Equal(answers[..6], answers[6..]);
        Assert.Equal("400 Příliš mnoho chybných pokusů. Vyžádejte si nový kód.", answers[^1]);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task A_cross_site_post_to_a_resident_form_is_refused_with_a_czech_page_and_sends_nothing(string header, string value)
    {
        var response = await _resident.PostWithHeadersAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms", new Dictionary<string, string> { [header] = value });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("cizího webu", await ResidentClient.TextAsync(response), StringComparison.Ordinal);
        Assert.Contains("href=\"/sms/prihlaska\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        Assert.Equal(0L, db.ExecuteScalar<long>("SELECT COUNT(*) FROM sandbox_sms"));
    }

    [Fact]
    public async Task A_post_from_the_site_itself_goes_through()
    {
        var response = await _resident.PostWithHeadersAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms",
            new Dictionary<string, string> { ["Origin"] = "http://localhost", ["Sec-Fetch-Site"] = "same-origin" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Right_after_confirming_the_sign_up_the_resident_opens_management_without_a_new_code()
    {
        var response = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");
        var confirmed = await _resident.PostAsync("/sms/overeni", [new("t", ResidentClient.TokenParameter(response)), new("code", _resident.LatestCode("+420603123456"))], response.Headers.Location!.OriginalString);
        Assert.Contains("href=\"/sms/sprava\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var manage = await _resident.Http.GetAsync("/sms/sprava");

        Assert.Equal(HttpStatusCode.Redirect, manage.StatusCode);
        var edit = await _resident.Http.GetAsync(manage.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("+420 603 123 456", await ResidentClient.TextAsync(edit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_code_asked_for_after_five_wrong_codes_says_when_and_leads_back_to_the_code_page()
    {
        var response = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");
        var page = response.Headers.Location!.OriginalString;
        var t = ResidentClient.TokenParameter(response);
        for (var i = 0; i < 5; i++)
        {
            await _resident.PostAsync("/sms/overeni", [new("t", t), new("code", "000000")], page);
        }

        var resend = await _resident.PostAsync("/sms/overeni/znovu", [new("t", t)], page);

        Assert.Equal(HttpStatusCode.TooManyRequests, resend.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), resend.Headers.RetryAfter!.Delta);
        var text = await ResidentClient.TextAsync(resend);
        // 09:00 UTC is 10:00 in Prague; the cooldown ends a minute later.
        Assert.Contains("v 10:01", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/sms/overeni?t=", text, StringComparison.Ordinal);
        _site.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await _resident.PostAsync("/sms/overeni/znovu", [new("t", t)], page)).StatusCode);
    }

    private static string ErrorOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<p id=\"sms-code-error\" class=\"studenka-sms-field-error\">([^<]*)</p>").Groups[1].Value;

    private long SubscriberId(string phone)
    {
        using var db = _site.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT id FROM subscribers WHERE phone = @phone", new { phone });
    }

    private string NewestSms(string phone)
    {
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        return db.ExecuteScalar<string>("SELECT body FROM sandbox_sms WHERE recipient = @phone ORDER BY id DESC LIMIT 1", new { phone })!;
    }
}

internal static class UriPaths
{
    public static string AbsolutePath(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
}
