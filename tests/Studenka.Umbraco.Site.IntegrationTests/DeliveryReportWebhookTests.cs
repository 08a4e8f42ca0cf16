using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>MessageBird's signed delivery reports over HTTP, into a real outbox on SQLite.</summary>
public sealed class DeliveryReportWebhookTests : IDisposable
{
    private const string Key = "7f1c2a9e4b5d6c8e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70";
    private readonly StudenkaSiteFactory _site = new(new Dictionary<string, string?> { ["Studenka:Sms:WebhookSigningKey"] = Key });
    private readonly MessageBirdWebhookClient _messageBird;

    public DeliveryReportWebhookTests() => _messageBird = new MessageBirdWebhookClient(_site, Key);

    public void Dispose() => _site.Dispose();

    private sealed record Row(string Phone, string? DeliveryStatus, long? DeliveryStatusAtMs, long? DeliveryErrorCode, string? ProviderMessageId, long UpdatedAtMs);

    /// <summary>A campaign sent in batch "b-1" to two numbers, as the dispatcher leaves it.</summary>
    private void SeedSentCampaign() => SeedSentCampaign(_site);

    private static void SeedSentCampaign(StudenkaSiteFactory site)
    {
        using var db = site.OpenDatabase();
        var id = db.ExecuteScalar<long>("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, created_at_ms, updated_at_ms)
            VALUES (4, 'Koncert', 'keep', 'Koncert', 'gsm7', 1, 'manual', 'test', 'sending', 0, 0) RETURNING id
            """);
        db.Execute("""
            INSERT INTO outbox (campaign_id, address, status, next_attempt_at_ms, batch_id, sent_at_ms, updated_at_ms)
            VALUES (@id, '+420601123456', 'accepted', 0, 'b-1', 0, 0), (@id, '+420602000111', 'accepted', 0, 'b-1', 0, 0)
            """, new { id });
    }

    private Row Outbox(string phone) => Outbox(_site, phone);

    private static Row Outbox(StudenkaSiteFactory site, string phone)
    {
        using var db = site.OpenDatabase();
        return db.QuerySingle<Row>(
            "SELECT address AS Phone, delivery_status AS DeliveryStatus, delivery_status_at_ms AS DeliveryStatusAtMs, delivery_error_code AS DeliveryErrorCode, provider_message_id AS ProviderMessageId, updated_at_ms AS UpdatedAtMs FROM outbox WHERE address = @phone",
            new { phone });
    }

    private async Task<HttpResponseMessage> StartedAsync(Func<Task<HttpResponseMessage>> call)
    {
        // The first request starts the host, which migrates the database; seed after that.
        _ = await _messageBird.GetUnsignedAsync("/sms");
        SeedSentCampaign();
        return await call();
    }

    [Fact]
    public async Task A_signed_report_updates_the_status_of_that_recipient_only()
    {
        var response = await StartedAsync(() => _messageBird.DeliveryReportAsync("b-1", "420601123456", "delivered", "2026-11-27T09:00:05+00:00", "&statusErrorCode=0"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Outbox("+420601123456");
        Assert.Equal("delivered", row.DeliveryStatus);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 5, TimeSpan.Zero).ToUnixTimeMilliseconds(), row.DeliveryStatusAtMs);
        Assert.Equal(0L, row.DeliveryErrorCode);
        Assert.Equal("e8077d803532c0b5937c639b60216938", row.ProviderMessageId);
        Assert.Null(Outbox("+420602000111").DeliveryStatus);
    }

    [Fact]
    public async Task The_same_report_twice_changes_nothing_the_second_time()
    {
        await StartedAsync(() => _messageBird.DeliveryReportAsync("b-1", "420601123456", "delivered", "2026-11-27T09:00:05+00:00"));
        var first = Outbox("+420601123456");
        _site.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await _messageBird.DeliveryReportAsync("b-1", "420601123456", "delivered", "2026-11-27T09:00:05+00:00");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, Outbox("+420601123456"));
    }

    [Fact]
    public async Task A_late_sent_report_does_not_overwrite_delivered()
    {
        await StartedAsync(() => _messageBird.DeliveryReportAsync("b-1", "420601123456", "delivered", "2026-11-27T09:00:05+00:00"));

        var late = await _messageBird.DeliveryReportAsync("b-1", "420601123456", "sent", "2026-11-27T09:00:01+00:00");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("delivered", Outbox("+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task A_newer_failure_replaces_buffered_with_its_error_code()
    {
        await StartedAsync(() => _messageBird.DeliveryReportAsync("b-1", "420601123456", "buffered", "2026-11-27T09:00:01+00:00"));

        await _messageBird.DeliveryReportAsync("b-1", "420601123456", "delivery_failed", "2026-11-27T10:00:00+00:00", "&statusErrorCode=104");

        var row = Outbox("+420601123456");
        Assert.Equal(("delivery_failed", 104L), (row.DeliveryStatus, row.DeliveryErrorCode));
    }

    [Fact]
    public async Task A_plus_decoded_to_a_space_in_the_time_is_still_read()
    {
        // MessageBird may leave the '+' of the offset unencoded; it then decodes to a space.
        var response = await StartedAsync(() => _messageBird.GetAsync($"{MessageBirdWebhookClient.DlrPath}?reference=b-1&recipient=420601123456&status=delivered&statusDatetime=2026-11-27T10:00:05+01:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 5, TimeSpan.Zero).ToUnixTimeMilliseconds(), Outbox("+420601123456").DeliveryStatusAtMs);
    }

    [Fact]
    public async Task A_report_without_a_time_counts_as_received_now()
    {
        await StartedAsync(() => _messageBird.GetAsync($"{MessageBirdWebhookClient.DlrPath}?reference=b-1&recipient=420601123456&status=sent"));

        Assert.Equal(_site.Time.GetUtcNow().ToUnixTimeMilliseconds(), Outbox("+420601123456").DeliveryStatusAtMs);
    }

    [Fact]
    public async Task A_tampered_query_is_refused_with_401_and_nothing_changes()
    {
        const string signed = "/sms/webhooks/messagebird/dlr?reference=b-1&recipient=420601123456&status=delivered&statusDatetime=2026-11-27T09%3A00%3A05%2B00%3A00";

        var response = await StartedAsync(() => _messageBird.GetAsync(signed, signed.Replace("delivered", "expired", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Outbox("+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task A_reordered_query_is_refused_because_the_url_is_checked_as_received()
    {
        var response = await StartedAsync(() => _messageBird.GetAsync(
            "/sms/webhooks/messagebird/dlr?reference=b-1&recipient=420601123456&status=delivered",
            "/sms/webhooks/messagebird/dlr?recipient=420601123456&reference=b-1&status=delivered"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Outbox("+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task A_report_without_the_signature_header_is_refused()
    {
        var response = await StartedAsync(() => _messageBird.GetUnsignedAsync("/sms/webhooks/messagebird/dlr?reference=b-1&recipient=420601123456&status=delivered"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Outbox("+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task An_expired_signature_is_refused()
    {
        var response = await StartedAsync(async () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, MessageBirdWebhookClient.Url("/sms/webhooks/messagebird/dlr?reference=b-1&recipient=420601123456&status=delivered"));
            request.Headers.Add(MessageBirdWebhookSigner.HeaderName, MessageBirdWebhookSigner.Sign(Key, request.RequestUri!.OriginalString, _site.Time.GetUtcNow().AddMinutes(-5)));
            return await _messageBird.Http.SendAsync(request);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Outbox("+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task A_report_for_an_unknown_reference_is_acknowledged_so_MessageBird_stops_retrying()
    {
        var response = await StartedAsync(() => _messageBird.DeliveryReportAsync("verify-17", "420601123456", "delivered", "2026-11-27T09:00:05+00:00"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Outbox("+420601123456").DeliveryStatus);
    }

    [Theory]
    [InlineData("reference=b-1&recipient=420601123456&status=delivered&statusDatetime=yesterday")]
    [InlineData("reference=b-1&recipient=not-a-number&status=delivered")]
    [InlineData("reference=b-1&recipient=420601123456&status=teleported")]
    [InlineData("recipient=420601123456&status=delivered")]
    [InlineData("reference=b-1&recipient=420601123456&status=delivered&statusErrorCode=x")]
    public async Task A_malformed_but_signed_report_is_a_400_not_a_500(string query)
    {
        var response = await StartedAsync(() => _messageBird.GetAsync(MessageBirdWebhookClient.DlrPath + "?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(Outbox("+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task Without_a_configured_signing_key_every_report_is_refused()
    {
        using var site = new StudenkaSiteFactory();
        var messageBird = new MessageBirdWebhookClient(site, Key);

        var response = await messageBird.DeliveryReportAsync("b-1", "420601123456", "delivered", "2026-11-27T09:00:05+00:00");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task On_real_Kestrel_the_signed_url_includes_the_port_and_the_raw_query()
    {
        await using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Sms:WebhookSigningKey"] = Key });
        site.UseKestrel(0);
        site.StartServer();
        SeedSentCampaign(site);
        var baseUrl = site.ClientOptions.BaseAddress;
        Assert.NotEqual(80, baseUrl.Port);
        var url = new Uri(baseUrl, "/sms/webhooks/messagebird/dlr?id=e8077d80&reference=b-1&recipient=420601123456&status=delivered&statusDatetime=2026-11-27T09%3A00%3A05%2B00%3A00").ToString();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(MessageBirdWebhookSigner.HeaderName, MessageBirdWebhookSigner.Sign(Key, url, site.Time.GetUtcNow()));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delivered", Outbox(site, "+420601123456").DeliveryStatus);
    }

    [Theory]
    [InlineData("k", "HS256")]
    [InlineData("0123456789", "HS256")]
    [InlineData("0123456789abcdef", "HS384")]
    [InlineData("0123456789abcdef0123456789abcde", "HS256")]
    [InlineData("PlLrKaqvZNRR5zAjm42ZT6q1SQxgbbGdPlLrKaqvZNR", "HS512")]
    public async Task A_report_signed_with_a_short_signing_key_is_applied(string key, string algorithm)
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Sms:WebhookSigningKey"] = key });
        var http = site.CreateClient(new() { AllowAutoRedirect = false });
        _ = await http.GetAsync("/sms");
        SeedSentCampaign(site);

        using var response = await http.SendAsync(SignedReport(site, key, algorithm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("delivered", Outbox(site, "+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task A_replayed_report_is_refused_with_401()
    {
        _ = await _messageBird.GetUnsignedAsync("/sms");
        SeedSentCampaign();
        var original = SignedReport(_site, Key);
        var replay = SignedReport(_site, Key, token: original.Headers.GetValues(MessageBirdWebhookSigner.HeaderName).Single());

        using var first = await _messageBird.Http.SendAsync(original);
        _site.Time.Advance(TimeSpan.FromSeconds(20));
        using var second = await _messageBird.Http.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task A_report_that_failed_on_our_side_is_taken_when_messagebird_retries_it_with_the_same_token()
    {
        _ = await _messageBird.GetUnsignedAsync("/sms");
        SeedSentCampaign();
        var token = SignedReport(_site, Key).Headers.GetValues(MessageBirdWebhookSigner.HeaderName).Single();
        using (var db = _site.OpenDatabase())
        {
            db.Execute("ALTER TABLE outbox RENAME TO outbox_unavailable");
        }

        using var failed = await _messageBird.Http.SendAsync(SignedReport(_site, Key, token: token));
        using (var db = _site.OpenDatabase())
        {
            db.Execute("ALTER TABLE outbox_unavailable RENAME TO outbox");
        }

        using var retry = await _messageBird.Http.SendAsync(SignedReport(_site, Key, token: token));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("delivered", Outbox("+420601123456").DeliveryStatus);
    }

    [Fact]
    public async Task A_refusal_is_logged_as_a_warning_with_its_reason_and_without_the_token()
    {
        var logs = new SiteLogRecorder();
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Sms:WebhookSigningKey"] = Key });
        using var host = site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var http = host.CreateClient(new() { AllowAutoRedirect = false });
        var request = SignedReport(site, Key, lifetime: TimeSpan.FromHours(1));
        var token = request.Headers.GetValues(MessageBirdWebhookSigner.HeaderName).Single();

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var warning = Assert.Single(logs.Entries, e => e.Contains("refused", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains("claim exp is more than 300 s ahead", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Contains(token.Split('.')[2], StringComparison.Ordinal) || e.Contains(token.Split('.')[1], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(Key, false)]
    public async Task The_start_warns_when_webhooks_are_off_for_lack_of_a_signing_key(string? key, bool warned)
    {
        var logs = new SiteLogRecorder();
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Sms:WebhookSigningKey"] = key });
        using var host = site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));

        _ = host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();

        Assert.Equal(warned, logs.Entries.Any(e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("Studenka:Sms:WebhookSigningKey is not set", StringComparison.Ordinal)));
    }

    private static HttpRequestMessage SignedReport(StudenkaSiteFactory site, string key, string algorithm = "HS256", string? token = null, TimeSpan? lifetime = null)
    {
        var url = MessageBirdWebhookClient.Url(MessageBirdWebhookClient.DlrPath + "?id=e8077d80&reference=b-1&recipient=420601123456&status=delivered&statusDatetime=2026-11-27T09%3A00%3A05%2B00%3A00");
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(MessageBirdWebhookSigner.HeaderName, token ?? MessageBirdWebhookSigner.Sign(key, url, site.Time.GetUtcNow(), algorithm: algorithm, lifetime: lifetime));
        return request;
    }
}
