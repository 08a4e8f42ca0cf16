using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Email;

/// <summary>
/// The resident side of e-mail (issue 12) on the real site and the suite's engine: an address gets
/// nothing but its verification link until the link is confirmed by POST; campaigns then reach it by
/// the channels chosen per package; the one-click unsubscribe changes one package of one subscriber.
/// </summary>
public sealed partial class EmailSubscriptionTests : IDisposable
{
    private const string Phone = "+420603123456";
    private const string Jana = "jana@example.cz";
    private readonly StudenkaSiteFactory _site = new();
    private readonly ResidentClient _resident;

    public EmailSubscriptionTests() => _resident = new ResidentClient(_site);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_new_address_gets_only_its_verification_link_and_campaigns_only_after_the_POST_confirm()
    {
        // Crisis defaults to both channels when an e-mail is given; package 4 is chosen as e-mail only.
        var form = ResidentClient.SignUpForm(site: _site);
        form.Add(new("Channels[4]", "Email"));
        await _resident.SignUpAndConfirmAsync(form: form);

        var mails = EmailRows();
        var link = Assert.Single(mails);
        Assert.Equal("service", link.Lane);
        Assert.Equal(Jana, link.Address);
        Assert.StartsWith("Potvrďte e-mail pro zprávy města Studénka\n\n", link.Body, StringComparison.Ordinal);
        Assert.Empty(await SnapshotAsync(TopicPackages.Crisis, OutboxChannel.Email));
        Assert.Equal(new RecipientCounts(1, 0), await CountAsync(TopicPackages.Crisis));

        var token = VerifyToken(link.Body);
        var page = await _resident.Http.GetAsync($"/sms/email/overit?t={token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Potvrdit e-mail", await ResidentClient.TextAsync(page), StringComparison.Ordinal);
        // Opening the link (as a mail scanner does) confirms nothing.
        Assert.Empty(await SnapshotAsync(TopicPackages.Crisis, OutboxChannel.Email));

        var confirmed = await _resident.PostAsync($"/sms/email/overit?t={token}", [], $"/sms/email/overit?t={token}");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("E-mail je potvrzený", await ResidentClient.TextAsync(confirmed), StringComparison.Ordinal);

        Assert.Equal([Jana], await SnapshotAsync(TopicPackages.Crisis, OutboxChannel.Email));
        Assert.Equal([Phone], await SnapshotAsync(TopicPackages.Crisis, OutboxChannel.Sms));
        Assert.Equal([Jana], await SnapshotAsync(4, OutboxChannel.Email));
        Assert.Empty(await SnapshotAsync(4, OutboxChannel.Sms));
        Assert.Equal(new RecipientCounts(1, 1), await CountAsync(TopicPackages.Crisis));
        Assert.Single(EmailRows());
    }

    [Fact]
    public async Task A_written_consent_at_the_office_proves_the_number_not_the_mailbox()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator, "urednice");
        var body = new
        {
            phone = "603 777 888",
            email = "Marie@Example.cz",
            addresses = new[] { new { partId = ResidentClient.PartId(_site, "Nová Horka") } },
            packages = new[] { 1 },
            consent = true,
        };

        using var response = await admin.PostAsJsonAsync(Subscribers.SubscribersSite.Api + "/assisted/written-consent", body);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var link = Assert.Single(EmailRows());
        Assert.Equal(("service", "marie@example.cz"), (link.Lane, link.Address));
        Assert.Empty(await SnapshotAsync(TopicPackages.Crisis, OutboxChannel.Email));
    }

    [Fact]
    public async Task A_verification_link_expires_works_once_and_a_wrong_token_confirms_nothing()
    {
        await _resident.SignUpAndConfirmAsync();
        var token = VerifyToken(Assert.Single(EmailRows()).Body);

        var wrong = await _resident.PostAsync($"/sms/email/overit?t={token[..^2]}xx", [], $"/sms/email/overit?t={token}");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Odkaz pro potvrzení e-mailu je neplatný", await ResidentClient.TextAsync(wrong), StringComparison.Ordinal);
        Assert.Null(VerifiedAt());

        var formPage = $"/sms/email/overit?t={token}";
        var antiforgery = await _resident.TokenFromAsync(formPage);
        _site.Time.Advance(EmailVerifications.Lifetime + TimeSpan.FromSeconds(1));
        var expired = await _resident.PostWithTokenAsync(formPage, [], antiforgery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("Platnost odkazu vypršela", await ResidentClient.TextAsync(expired), StringComparison.Ordinal);
        Assert.Null(VerifiedAt());

        // The manage page sends a new link; it works once.
        await _resident.OpenManageAsync();
        Assert.Contains("čeká na potvrzení", await _resident.PageTextAsync("/sms/sprava/odber"), StringComparison.Ordinal);
        var resent = await _resident.PostAsync("/sms/sprava/email/znovu", [], "/sms/sprava/odber");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var fresh = VerifyToken(EmailRows()[^1].Body);
        var first = await _resident.PostAsync($"/sms/email/overit?t={fresh}", [], $"/sms/email/overit?t={fresh}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(VerifiedAt());
        var again = await _resident.PostWithTokenAsync($"/sms/email/overit?t={fresh}", [], antiforgery);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Odkaz už byl použit", await ResidentClient.TextAsync(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_link_works_once_and_only_for_its_subscriber_and_package()
    {
        var a = AddVerified("+420603000001", "a@example.cz", (1, true, true), (4, false, true));
        var b = AddVerified("+420603000002", "b@example.cz", (1, true, true), (4, false, true));
        var links = _site.Services.GetRequiredService<EmailLinks>();
        var crisis = links.UnsubscribeToken("a@example.cz", TopicPackages.Crisis);
        using var anonymous = _site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var shown = await anonymous.GetAsync($"/sms/email/odhlasit?t={crisis}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal([(1L, 1L, 1L), (4L, 0L, 1L)], Choices(a));

        // RFC 8058: the mail client posts this body, with no cookie and no antiforgery token.
        var oneClick = await anonymous.PostAsync($"/sms/email/odhlasit?t={crisis}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("Dál dostáváte: Krizové zprávy (SMS), Kultura, sport, společnost (e-mailem)", await ResidentClient.TextAsync(oneClick), StringComparison.Ordinal);
        Assert.Equal([(1L, 1L, 0L), (4L, 0L, 1L)], Choices(a));
        Assert.Equal([(1L, 1L, 1L), (4L, 0L, 1L)], Choices(b));

        var second = await anonymous.PostAsync($"/sms/email/odhlasit?t={crisis}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Už odhlášeno", await ResidentClient.TextAsync(second), StringComparison.Ordinal);

        // Package 4 came by e-mail only: leaving it by e-mail leaves it altogether.
        var culture = await anonymous.PostAsync($"/sms/email/odhlasit?t={links.UnsubscribeToken("a@example.cz", 4)}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, culture.StatusCode);
        Assert.Equal([(1L, 1L, 0L)], Choices(a));
        Assert.Equal([(1L, 1L, 1L), (4L, 0L, 1L)], Choices(b));
        Assert.Equal(new RecipientCounts(2, 1), await CountAsync(TopicPackages.Crisis));
    }

    [Fact]
    public async Task A_bounced_address_is_no_longer_targeted_and_the_manage_page_says_so()
    {
        await _resident.SignUpAndConfirmAsync();
        var token = VerifyToken(Assert.Single(EmailRows()).Body);
        Assert.Equal(HttpStatusCode.OK, (await _resident.PostAsync($"/sms/email/overit?t={token}", [], $"/sms/email/overit?t={token}")).StatusCode);
        Assert.Equal(new RecipientCounts(1, 1), await CountAsync(TopicPackages.Crisis));

        await _site.Services.GetRequiredService<EmailBounces>().MarkBouncedAsync("Jana@Example.cz", CancellationToken.None);

        Assert.Equal(new RecipientCounts(1, 0), await CountAsync(TopicPackages.Crisis));
        await _resident.OpenManageAsync();
        Assert.Contains("Poštovní server tuto adresu odmítl", await _resident.PageTextAsync("/sms/sprava/odber"), StringComparison.Ordinal);
        var export = JsonDocument.Parse(await _resident.Http.GetStringAsync("/sms/sprava/data.json")).RootElement;
        Assert.Equal("odmítnutý poštovním serverem", export.GetProperty("stavEmailu").GetString());
        Assert.Equal(["SMS i e-mail", "SMS"], export.GetProperty("balicky").EnumerateArray().Select(p => p.GetProperty("kanal").GetString()));
    }

    [Fact]
    public async Task Hostile_addresses_tokens_and_posts_get_Czech_4xx_answers_and_change_nothing()
    {
        foreach (var (email, message) in new[] { (new string('a', 250) + "@example.cz", "nejvýše 254 znaků"), ("jana@@example.cz", "Zadejte platný e-mail"), (new string('a', 65) + "@example.cz", "Zadejte platný e-mail") })
        {
            var form = ResidentClient.SignUpForm(site: _site).Where(f => f.Key != "Email").Append(new("Email", email));
            var refused = await _resident.PostAsync("/sms/prihlaska", form, "/sms");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await ResidentClient.TextAsync(refused), StringComparison.Ordinal);
        }

        var channel = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site).Append(new("Channels[1]", "Pigeon")), "/sms");
        Assert.Equal(HttpStatusCode.BadRequest, channel.StatusCode);

        await _resident.SignUpAndConfirmAsync();
        var token = VerifyToken(Assert.Single(EmailRows()).Body);
        foreach (var garbage in new[] { "", "x", new string('A', 5000), "%00%ff", "..%2f..%2fetc" })
        {
            foreach (var path in new[] { "/sms/email/overit?t=", "/sms/email/odhlasit?t=" })
            {
                var get = await _resident.Http.GetAsync(path + garbage);
                Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
                Assert.Contains("Neplatný odkaz", await ResidentClient.TextAsync(get), StringComparison.Ordinal);
            }

            var post = await _resident.Http.PostAsync("/sms/email/odhlasit?t=" + garbage, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }

        // The verify POST needs the page's antiforgery token: a forged form confirms nothing.
        var forged = await _resident.Http.PostAsync($"/sms/email/overit?t={token}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Matches("[ěščřžýáíéů]", await ResidentClient.TextAsync(forged));
        Assert.Null(VerifiedAt());
    }

    [Fact]
    public async Task The_campaign_preview_counts_recipients_per_channel_and_keeps_the_SMS_count_and_cost()
    {
        AddVerified("+420603000001", "a@example.cz", (2, true, true));
        AddVerified("+420603000002", "b@example.cz", (2, false, true));
        AddVerified("+420603000003", "c@example.cz", (2, true, false));
        using var client = await _site.CreateOperatorClientAsync(OperatorRole.Dispatch, "hlidka1");

        using var response = await client.PostAsJsonAsync("/umbraco/sms/api/v1/campaigns/preview", new { packageId = 2, text = "Zítra nepoteče voda." });
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, preview.GetProperty("recipients").GetInt32());
        Assert.Equal(2 * preview.GetProperty("segmentsPerSms").GetInt32(), preview.GetProperty("totalSegments").GetInt32());
        Assert.Equal(2, preview.GetProperty("recipientsByChannel").GetProperty("sms").GetInt32());
        Assert.Equal(2, preview.GetProperty("recipientsByChannel").GetProperty("email").GetInt32());
    }

    private sealed record OutboxRow(string Lane, string Address, string Body);

    private List<OutboxRow> EmailRows()
    {
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        return db.Query<OutboxRow>("SELECT lane AS Lane, address AS Address, body AS Body FROM outbox WHERE channel = 'email' ORDER BY id").ToList();
    }

    private static string VerifyToken(string body) => VerifyLink().Match(body) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No verification link in: " + body);

    private long? VerifiedAt()
    {
        using var db = _site.OpenDatabase();
        return db.ExecuteScalar<long?>("SELECT email_verified_at_ms FROM subscribers WHERE phone = @Phone", new { Phone });
    }

    private Task<RecipientCounts> CountAsync(int package) =>
        _site.Services.GetRequiredService<RecipientTargeting>().CountAsync(new CampaignAudience(package, [], []), CancellationToken.None);

    /// <summary>The addresses a whole-town campaign of the package would get on the channel: the real snapshot, rolled back.</summary>
    private async Task<List<string>> SnapshotAsync(int package, string channel)
    {
        await using var db = _site.OpenDatabase();
        await using var transaction = await db.BeginTransactionAsync();
        var campaign = await db.ExecuteScalarAsync<long>("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, created_at_ms, updated_at_ms)
            VALUES (@package, 'Voda', 'keep', 'Voda', 'gsm7', 1, 'manual', 'test', 'sending', 0, 0) RETURNING id
            """, new { package }, transaction);
        await RecipientTargeting.SnapshotAsync(db, transaction, campaign, new CampaignAudience(package, [], []), _site.Time.GetUtcNow(), CancellationToken.None);
        var rows = (await db.QueryAsync<string>("SELECT address FROM outbox WHERE campaign_id = @campaign AND channel = @channel ORDER BY address", new { campaign, channel }, transaction)).ToList();
        await transaction.RollbackAsync();
        return rows;
    }

    private long AddVerified(string phone, string email, params (int Package, bool Sms, bool Email)[] packages)
    {
        using var db = _site.OpenDatabase();
        var id = db.ExecuteScalar<long>("""
            INSERT INTO subscribers (phone, email, email_verified_at_ms, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms)
            VALUES (@phone, @email, 1, 'active', 'v1', 0, 0, 0) RETURNING id
            """, new { phone, email });
        foreach (var (package, sms, mail) in packages)
        {
            db.Execute("INSERT INTO subscriber_packages (subscriber_id, package_id, by_sms, by_email) VALUES (@id, @package, @sms, @mail)",
                new { id, package, sms = sms ? 1 : 0, mail = mail ? 1 : 0 });
        }

        db.Execute("INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id) VALUES (@id, 1, @part)", new { id, part = ResidentClient.PartId(_site, "Butovice") });
        return id;
    }

    private List<(long Package, long Sms, long Email)> Choices(long id)
    {
        using var db = _site.OpenDatabase();
        return db.Query<(long, long, long)>("SELECT package_id, by_sms, by_email FROM subscriber_packages WHERE subscriber_id = @id ORDER BY package_id", new { id }).ToList();
    }

    [GeneratedRegex(@"/sms/email/overit\?t=([A-Za-z0-9_\-]+)")]
    private static partial Regex VerifyLink();
}
