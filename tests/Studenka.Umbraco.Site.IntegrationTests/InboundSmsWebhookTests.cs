using System.Net;
using System.Text;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>Residents replying to the town's number: STOP cancels, START points to the web form.</summary>
public sealed class InboundSmsWebhookTests : IDisposable
{
    private const string Key = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string E164 = "+420603123456";
    private const string Msisdn = "420603123456";
    private readonly StudenkaSiteFactory _site = new(new Dictionary<string, string?> { ["Studenka:Sms:WebhookSigningKey"] = Key });
    private readonly ResidentClient _resident;
    private readonly MessageBirdWebhookClient _messageBird;

    public InboundSmsWebhookTests()
    {
        _resident = new ResidentClient(_site);
        _messageBird = new MessageBirdWebhookClient(_site, Key);
    }

    public void Dispose() => _site.Dispose();

    private long Subscribers(string phone = E164)
    {
        using var db = _site.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT COUNT(*) FROM subscribers WHERE phone = @phone", new { phone });
    }

    private List<string> SmsTo(string phone = E164)
    {
        _site.DrainOutbox();
        using var db = _site.OpenDatabase();
        return db.Query<string>("SELECT body FROM sandbox_sms WHERE recipient = @phone ORDER BY id", new { phone }).ToList();
    }

    [Fact]
    public async Task Stop_from_a_subscriber_deletes_them_and_confirms_by_sms_once()
    {
        await _resident.SignUpAndConfirmAsync();
        var before = SmsTo().Count;

        var stop = await _messageBird.InboundFormAsync(Msisdn, "STOP");
        var again = await _messageBird.InboundFormAsync(Msisdn, "STOP");

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, Subscribers());
        var sent = SmsTo().Skip(before).ToList();
        Assert.Single(sent);
        Assert.Contains("odber zprav byl zrusen", sent[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("odhlásit")]
    [InlineData(" Stop ")]
    [InlineData("ODHLASIT")]
    public async Task Czech_and_sloppy_spellings_of_stop_unsubscribe(string text)
    {
        await _resident.SignUpAndConfirmAsync();

        var response = await _messageBird.InboundFormAsync(Msisdn, text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, Subscribers());
    }

    [Fact]
    public async Task Stop_as_json_with_the_number_as_a_json_number_unsubscribes()
    {
        await _resident.SignUpAndConfirmAsync();

        var response = await _messageBird.InboundJsonAsync($$"""{"originator": {{Msisdn}}, "body": "stop", "recipient": 420700100200}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, Subscribers());
    }

    [Fact]
    public async Task Stop_as_a_signed_get_with_query_unsubscribes()
    {
        await _resident.SignUpAndConfirmAsync();

        var response = await _messageBird.GetAsync($"{MessageBirdWebhookClient.InboundPath}?id=e8077d80&recipient=420700100200&originator={Msisdn}&body=Stop&createdDatetime=2026-11-27T09:00:00+00:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, Subscribers());
    }

    [Fact]
    public async Task Stop_during_an_unconfirmed_sign_up_deletes_it_so_its_code_no_longer_subscribes()
    {
        var response = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: _site), "/sms");
        var code = _resident.LatestCode(E164);

        await _messageBird.InboundFormAsync(Msisdn, "STOP");
        var confirm = await _resident.PostAsync("/sms/overeni", [new("t", ResidentClient.TokenParameter(response)), new("code", code)], response.Headers.Location!.OriginalString);

        Assert.NotEqual(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(0, Subscribers());
    }

    [Fact]
    public async Task Stop_from_a_number_that_is_not_subscribed_sends_nothing()
    {
        var response = await _messageBird.InboundFormAsync(Msisdn, "STOP");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(SmsTo());
    }

    [Fact]
    public async Task Start_does_not_subscribe_and_answers_with_the_sign_up_page_once_a_day()
    {
        var first = await _messageBird.InboundFormAsync(Msisdn, "START");
        _site.Time.Advance(TimeSpan.FromHours(2));
        var second = await _messageBird.InboundFormAsync(Msisdn, "Start");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, Subscribers());
        var reply = Assert.Single(SmsTo());
        Assert.Contains("http://localhost/sms", reply, StringComparison.Ordinal);
        Assert.True(Studenka.Umbraco.Notifications.Campaigns.SmsSegments.Count(reply).Encoding == Studenka.Umbraco.Notifications.Campaigns.SmsEncoding.Gsm7, reply);

        // The next town day the same resident may ask again.
        _site.Time.Advance(TimeSpan.FromDays(1));
        await _messageBird.InboundFormAsync(Msisdn, "přihlásit");
        Assert.Equal(2, SmsTo().Count);
    }

    [Fact]
    public async Task Any_other_text_is_acknowledged_and_changes_nothing()
    {
        await _resident.SignUpAndConfirmAsync();
        var before = SmsTo().Count;

        var response = await _messageBird.InboundFormAsync(Msisdn, "Dobrý den, kdy bude svoz odpadu?");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Subscribers());
        Assert.Equal(before, SmsTo().Count);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused_and_nobody_is_unsubscribed()
    {
        await _resident.SignUpAndConfirmAsync();
        var tampered = Encoding.UTF8.GetBytes($"originator={Msisdn}&payload=STOP&recipient=420700100201");

        var response = await _messageBird.InboundFormAsync(Msisdn, "Ahoj", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, Subscribers());
    }

    [Fact]
    public async Task An_unsigned_stop_is_refused_and_nobody_is_unsubscribed()
    {
        await _resident.SignUpAndConfirmAsync();

        var response = await _messageBird.Http.PostAsync(MessageBirdWebhookClient.InboundPath,
            new FormUrlEncodedContent([new("originator", Msisdn), new("body", "STOP")]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, Subscribers());
    }

    [Theory]
    [InlineData("{\"originator\": \"420603123456\"")]
    [InlineData("[1, 2]")]
    [InlineData("{\"body\": \"STOP\"}")]
    public async Task Malformed_but_signed_messages_are_a_400_not_a_500(string json)
    {
        var response = await _messageBird.InboundJsonAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x", "garbage")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"originator\"\r\n\r\n420603123456")]
    [InlineData("multipart/form-data", "--x--")]
    public async Task Unreadable_but_signed_forms_are_a_400_not_a_500(string contentType, string body)
    {
        await _resident.SignUpAndConfirmAsync();

        var response = await _messageBird.InboundAsync(body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, Subscribers());
    }

    [Fact]
    public async Task Stop_signed_with_a_ten_byte_key_unsubscribes()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Sms:WebhookSigningKey"] = "kratky-klc" });
        await new ResidentClient(site).SignUpAndConfirmAsync();

        var response = await new MessageBirdWebhookClient(site, "kratky-klc").InboundFormAsync(Msisdn, "STOP");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var db = site.OpenDatabase();
        Assert.Equal(0, db.ExecuteScalar<long>("SELECT COUNT(*) FROM subscribers WHERE phone = @E164", new { E164 }));
    }

    [Fact]
    public async Task A_replayed_inbound_call_is_refused_with_401()
    {
        var body = Encoding.UTF8.GetBytes($"originator={Msisdn}&payload=START");
        var url = MessageBirdWebhookClient.Url(MessageBirdWebhookClient.InboundPath);
        var token = MessageBirdWebhookSigner.Sign(Key, url, _site.Time.GetUtcNow(), body);
        HttpRequestMessage Call()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            request.Headers.Add(MessageBirdWebhookSigner.HeaderName, token);
            return request;
        }

        using var first = await _messageBird.Http.SendAsync(Call());
        using var replay = await _messageBird.Http.SendAsync(Call());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }
}
