using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Studenka.Umbraco.FakeMessageBird;

namespace Studenka.Umbraco.Notifications.Tests.Gateway;

/// <summary>The fake is the yardstick of the gateway tests, so its own contract is checked here with a bare HttpClient.</summary>
public sealed class FakeMessageBirdServerTests : IAsyncLifetime
{
    private FakeMessageBirdServer _fake = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = "k1" });
        _http = new HttpClient { BaseAddress = _fake.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("AccessKey", "k1");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_json_send_is_answered_201_with_the_message_object_and_recorded_with_plus_numbers()
    {
        var response = await _http.PostAsJsonAsync("messages", new { originator = "Studenka", body = "Voda", recipients = new object[] { 420601123456, "420602123456" }, reference = "r1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal("plain", json.RootElement.GetProperty("datacoding").GetString());
        var items = json.RootElement.GetProperty("recipients").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(420601123456, items[0].GetProperty("recipient").GetInt64());
        Assert.All(items, i => Assert.Equal("sent", i.GetProperty("status").GetString()));
        var message = Assert.Single(_fake.Messages);
        Assert.Equal(["+420601123456", "+420602123456"], message.Recipients);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("messages/" + id)).StatusCode);
    }

    [Fact]
    public async Task A_form_send_with_comma_separated_recipients_and_auto_datacoding_resolves_czech_to_unicode()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["originator"] = "420601000000", ["body"] = "Odstávka vody", ["recipients"] = "420601123456,420602123456", ["datacoding"] = "auto",
        });

        var response = await _http.PostAsync("messages", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var message = Assert.Single(_fake.Messages);
        Assert.Equal("unicode", message.Datacoding);
        Assert.Equal(2, message.Recipients.Count);
    }

    [Theory]
    [InlineData("""{"body":"x","recipients":[420601123456]}""", 9, "originator")]
    [InlineData("""{"originator":"Studenka","recipients":[420601123456]}""", 9, "body")]
    [InlineData("""{"originator":"Studenka","body":"x"}""", 9, "recipients")]
    [InlineData("""{"originator":"StudenkaMsto","body":"x","recipients":[420601123456]}""", 10, "originator")]
    public async Task A_missing_or_bad_field_is_answered_422_naming_the_parameter(string body, int code, string parameter)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _http.PostAsync("messages", content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.Empty(_fake.Messages);
    }

    [Fact]
    public async Task Fifty_one_recipients_are_refused_with_code_10()
    {
        var recipients = Enumerable.Range(0, 51).Select(i => 420601000000L + i).ToArray();

        var response = await _http.PostAsJsonAsync("messages", new { originator = "Studenka", body = "x", recipients });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(1, _fake.Count(FakeOutcome.Invalid));
    }

    [Fact]
    public async Task A_wrong_key_is_answered_401_with_code_2_and_nothing_is_recorded_as_sent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "messages") { Content = JsonContent.Create(new { originator = "S", body = "x", recipients = new[] { 420601123456 } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("AccessKey", "wrong");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_fake.Messages);
    }

    [Fact]
    public async Task Scripted_faults_hit_the_next_requests_in_order_then_sends_succeed()
    {
        _fake.EnqueueFaults(FakeFault.Status500, FakeFault.Status429);
        var send = new { originator = "Studenka", body = "x", recipients = new[] { 420601123456 } };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await _http.PostAsJsonAsync("messages", send)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.Created], statuses);
    }

    [Fact]
    public async Task A_dropped_connection_is_recorded_as_received_but_not_answered()
    {
        _fake.EnqueueFaults(FakeFault.DropConnection);

        await Assert.ThrowsAsync<HttpRequestException>(() => _http.PostAsJsonAsync("messages", new { originator = "Studenka", body = "x", recipients = new[] { 420601123456 } }));

        Assert.Equal(1, _fake.Count(FakeOutcome.ReceivedNotAnswered));
        Assert.Contains("420601123456", Assert.Single(_fake.Requests).Body, StringComparison.Ordinal);
        Assert.Empty(_fake.Messages);
    }

    [Fact]
    public async Task An_exhausted_balance_is_code_25_and_an_unknown_message_is_404_code_20()
    {
        _fake.Options.BalanceExhausted = true;

        var send = await _http.PostAsJsonAsync("messages", new { originator = "Studenka", body = "x", recipients = new[] { 420601123456 } });
        var lookup = await _http.GetAsync("messages/00000000000000000000000000000000");
        var balance = await _http.GetFromJsonAsync<JsonElement>("balance");

        Assert.Equal(HttpStatusCode.PaymentRequired, send.StatusCode);
        Assert.Contains("\"code\":25", await send.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Contains("\"code\":20", await lookup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0m, balance.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_accepted_log_file_gets_one_line_per_recipient()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fake-mb-{Guid.NewGuid():N}.log");
        await using var fake = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = "k1", AcceptedLogPath = path });
        _http.BaseAddress = null;
        try
        {
            await _http.PostAsJsonAsync(new Uri(fake.BaseUrl, "messages"), new { originator = "Studenka", body = "x", recipients = new[] { 420601123456, 420602123456 }, reference = "b-7" });

            Assert.Equal(["b-7;+420601123456", "b-7;+420602123456"], await File.ReadAllLinesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Seeded_failures_hit_the_same_references_whatever_the_order()
    {
        async Task<HashSet<string>> FailedReferences(IEnumerable<int> order)
        {
            await using var fake = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = "k1", FailureRate = 0.3, Seed = 42 });
            var failed = new HashSet<string>();
            foreach (var i in order)
            {
                var response = await _http.PostAsJsonAsync(new Uri(fake.BaseUrl, "messages"), new { originator = "Studenka", body = "x", recipients = new[] { 420601123456 }, reference = $"r{i}" });
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable) failed.Add($"r{i}");
            }

            return failed;
        }

        var forward = await FailedReferences(Enumerable.Range(0, 40));
        var backward = await FailedReferences(Enumerable.Range(0, 40).Reverse());

        Assert.InRange(forward.Count, 4, 24);
        Assert.Equal(forward, backward);
    }
}
