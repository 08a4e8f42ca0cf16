using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Studenka.Umbraco.Site.IntegrationTests.Subscribers.SubscribersSite;

namespace Studenka.Umbraco.Site.IntegrationTests.Subscribers;

/// <summary>Deletion on request and sign-up at the town office (both engines: STUDENKA_TEST_ENGINE).</summary>
public sealed class SubscriberAdministrationTests
{
    [Fact]
    public async Task Deleting_on_request_removes_everything_the_residents_own_cancel_removes_and_is_audited()
    {
        using var site = new StudenkaSiteFactory();
        var resident = new ResidentClient(site);
        await resident.SignUpAndConfirmAsync();
        await resident.OpenManageAsync();
        var id = site.Scalar("SELECT id FROM subscribers WHERE phone = '+420603123456'");
        using (var db = site.OpenDatabase())
        {
            var campaigns = Enumerable.Range(0, 2).Select(_ => db.ExecuteScalar<long>("""
                INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, created_at_ms, updated_at_ms)
                VALUES (4, 'Koncert', 'keep', 'Koncert', 'gsm7', 1, 'manual', 'test', 'sending', 0, 0) RETURNING id
                """)).ToList();
            // One message still waiting (far in the future, so the worker leaves it) and one of another campaign already accepted by the gateway.
            db.Execute("""
                INSERT INTO outbox (campaign_id, address, status, next_attempt_at_ms, updated_at_ms) VALUES (@waiting, '+420603123456', 'pending', 9000000000000, 0);
                INSERT INTO outbox (campaign_id, address, status, next_attempt_at_ms, batch_id, sent_at_ms, updated_at_ms) VALUES (@sent, '+420603123456', 'accepted', 0, 'b-1', 0, 0);
                """, new { waiting = campaigns[0], sent = campaigns[1] });
        }

        using var admin = await site.CreateOperatorClientAsync();
        using var response = await admin.DeleteAsync($"{Api}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        foreach (var table in new[] { "subscribers", "subscriber_addresses", "subscriber_packages", "verification_codes", "manage_sessions" })
        {
            Assert.Equal(0L, site.Scalar($"SELECT COUNT(*) FROM {table}"));
        }

        Assert.Equal(0L, site.Scalar("SELECT COUNT(*) FROM outbox WHERE lane <> 'service' AND (address = '+420603123456' OR status = 'pending')"));
        Assert.Equal(1L, site.Scalar("SELECT COUNT(*) FROM outbox WHERE status = 'accepted' AND address LIKE 'deleted:%'"));
        Assert.Equal(1L, site.Scalar("SELECT count FROM subscription_stats WHERE event = 'cancelled'"));
        Assert.Contains("zrusen", site.SmsTo("+420603123456")[^1], StringComparison.Ordinal);
        Assert.Equal([("subscribers.delete", (string?)$"subscriber:{id}", (string?)"Odběratel smazán na vlastní žádost (GDPR).")], site.Audit("subscribers.delete"));
        Assert.DoesNotContain(site.Audit("subscribers"), a => (a.Details ?? string.Empty).Contains("603", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await resident.Http.GetAsync("/sms/sprava/odber")).StatusCode);
        using var again = await admin.DeleteAsync($"{Api}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task The_office_types_the_code_the_resident_reads_out_and_the_subscription_is_active()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();

        using var sent = await admin.PostAsJsonAsync(Api + "/assisted/code", SignUp(site, "603 444 555", house: "216"));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var answer = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("+420 603 444 555", answer.GetProperty("phone").GetString());
        Assert.Equal(0L, site.Scalar("SELECT COUNT(*) FROM subscribers"));
        var code = new ResidentClient(site).LatestCode("+420603444555");

        using var wrong = await admin.PostAsJsonAsync(Api + "/assisted/confirm", new { token = answer.GetProperty("token").GetString(), code = "000000" == code ? "111111" : "000000" });
        using var confirmed = await admin.PostAsJsonAsync(Api + "/assisted/confirm", new { token = answer.GetProperty("token").GetString(), code });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Kód nesouhlasí", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var id = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscriberId").GetInt64();
        Assert.Equal("active", site.Scalar<string>("SELECT status FROM subscribers WHERE id = @id", new { id }));
        Assert.Equal("216", site.Scalar<string>("SELECT house_number FROM subscriber_addresses WHERE subscriber_id = @id", new { id }));
        Assert.Null(site.Scalar<string?>("SELECT written_consent_by FROM subscribers WHERE id = @id", new { id }));
        Assert.Equal(["subscribers.assisted-code-sent", "subscribers.assisted-confirmed"], site.Audit("subscribers.assisted").Select(a => a.Action));
        Assert.Equal($"subscriber:{id}", site.Audit("subscribers.assisted-confirmed")[0].Subject);
    }

    [Fact]
    public async Task The_resident_may_enter_the_code_later_on_the_public_confirmation_page()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();
        using var sent = await admin.PostAsJsonAsync(Api + "/assisted/code", SignUp(site, "603 444 666"));
        var confirmPath = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("confirmPath").GetString()!;

        var resident = new ResidentClient(site);
        var t = Uri.UnescapeDataString(confirmPath[(confirmPath.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        using var page = await resident.PostAsync("/sms/overeni", [new("t", t), new("code", resident.LatestCode("+420603444666"))], confirmPath);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("odběr je aktivní", await ResidentClient.TextAsync(page), StringComparison.Ordinal);
        Assert.Equal("active", site.Scalar<string>("SELECT status FROM subscribers WHERE phone = '+420603444666'"));
    }

    [Fact]
    public async Task A_written_consent_makes_the_subscription_active_at_once_records_who_and_tells_the_number()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "urednice");

        var id = await admin.AddWithWrittenConsentAsync(site, "603 777 888", street: null, typedStreet: "Za Humny");

        Assert.Equal("active", site.Scalar<string>("SELECT status FROM subscribers WHERE id = @id", new { id }));
        Assert.Equal(site.Time.GetUtcNow().ToUnixTimeMilliseconds(), site.Scalar("SELECT consent_at_ms FROM subscribers WHERE id = @id", new { id }));
        Assert.StartsWith("Test Administrator (", site.Scalar<string>("SELECT written_consent_by FROM subscribers WHERE id = @id", new { id }), StringComparison.Ordinal);
        Assert.Equal("Za Humny", site.Scalar<string>("SELECT street_text FROM subscriber_addresses WHERE subscriber_id = @id", new { id }));
        var audit = Assert.Single(site.Audit("subscribers.written-consent"));
        Assert.Equal($"subscriber:{id}", audit.Subject);
        Assert.Contains("Písemný souhlas", audit.Details, StringComparison.Ordinal);
        Assert.Contains("STOP", Assert.Single(site.SmsTo("+420603777888")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_that_already_subscribes_gets_409_and_no_sms()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();
        await admin.AddWithWrittenConsentAsync(site, "603 123 000");
        var before = site.SmsTo("+420603123000").Count;

        using var code = await admin.PostAsJsonAsync(Api + "/assisted/code", SignUp(site, "603123000"));
        using var written = await admin.PostAsJsonAsync(Api + "/assisted/written-consent", SignUp(site, "+420603123000"));

        Assert.Equal(HttpStatusCode.Conflict, code.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, written.StatusCode);
        Assert.Equal(before, site.SmsTo("+420603123000").Count);
    }

    [Theory]
    [InlineData("written-consent")]
    [InlineData("code")]
    public async Task The_public_forms_rules_apply_with_czech_messages_per_field(string way)
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();

        using var response = await admin.PostAsJsonAsync($"{Api}/assisted/{way}", SignUp(site, "12", packages: [], consent: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("mobilní číslo", errors.GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("balíček", errors.GetProperty("packages")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("souhlasu", errors.GetProperty("consent")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, site.Scalar("SELECT COUNT(*) FROM subscribers"));
        Assert.Equal(0L, site.Scalar("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task A_body_that_is_no_sign_up_gets_400_not_500()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();

        using var response = await admin.PostAsync(Api + "/assisted/written-consent",
            new StringContent("""{"phone": 603, "packages": "vse"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Editors_and_dispatch_get_403_from_every_subscriber_endpoint(OperatorRole role)
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync(role);

        var answers = new List<HttpResponseMessage>
        {
            await client.GetAsync(Api + "?q=603"),
            await client.GetAsync(Api + "/counts"),
            await client.GetAsync(Api + "/export"),
            await client.DeleteAsync(Api + "/1"),
            await client.PostAsJsonAsync(Api + "/assisted/code", SignUp(site, "603 999 000")),
            await client.PostAsJsonAsync(Api + "/assisted/written-consent", SignUp(site, "603 999 000")),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode));
        Assert.Equal(0L, site.Scalar("SELECT COUNT(*) FROM subscribers"));
        Assert.Empty(site.Audit("subscribers"));
    }
}
