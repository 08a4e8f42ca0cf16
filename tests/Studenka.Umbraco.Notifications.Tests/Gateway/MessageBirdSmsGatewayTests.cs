using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Gateway;

/// <summary>The real client, through the package's registration, against the fake MessageBird on 127.0.0.1.</summary>
public sealed class MessageBirdSmsGatewayTests : IAsyncLifetime
{
    private static readonly SmsBatch Batch = new("batch-42", "Voda nepoteče zítra 8-12 h.", ["+420601123456", "+420602123456"]);
    private FakeMessageBirdServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = "k1" });

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private async Task<SmsSendResult> SendAsync(SmsBatch batch, Action<Dictionary<string, string?>>? configure = null, Uri? baseUrl = null)
    {
        var settings = MessageBirdGatewayHost.Settings(baseUrl ?? _fake.BaseUrl);
        configure?.Invoke(settings);
        await using var host = MessageBirdGatewayHost.Create(settings);
        return await host.Gateway.SendAsync(batch, CancellationToken.None);
    }

    [Fact]
    public async Task A_send_posts_json_with_the_access_key_bare_msisdns_reference_and_report_url()
    {
        var result = await SendAsync(Batch, s => s["Studenka:Sms:ReportUrl"] = "https://studenka.example/sms/report");

        Assert.Equal(SmsSendStatus.Accepted, result.Status);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal("AccessKey k1", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("application/json", request.Accept);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["420601123456", "420602123456"], json.RootElement.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        var message = Assert.Single(_fake.Messages);
        Assert.Equal(message.Id, result.ProviderMessageId);
        Assert.Equal("batch-42", message.Reference);
        Assert.Equal("https://studenka.example/sms/report", message.ReportUrl);
        Assert.Equal("Studenka", message.Originator);
        Assert.Equal(["+420601123456", "+420602123456"], message.Recipients);
    }

    [Fact]
    public async Task A_batch_with_its_own_originator_is_sent_under_that_sender_instead_of_the_configured_one()
    {
        var result = await SendAsync(Batch with { Originator = "MP Studenka" });

        Assert.Equal(SmsSendStatus.Accepted, result.Status);
        Assert.Equal("MP Studenka", JsonDocument.Parse(Assert.Single(_fake.Requests).Body).RootElement.GetProperty("originator").GetString());
        Assert.Equal("MP Studenka", Assert.Single(_fake.Messages).Originator);
    }

    [Theory]
    [InlineData("Voda nepotece zitra.", null, "plain")]
    [InlineData("Voda nepoteče zítra.", null, "unicode")]
    [InlineData("Voda nepotece zitra.", SmsEncoding.Ucs2, "unicode")]
    [InlineData("Voda nepoteče zítra.", SmsEncoding.Gsm7, "plain")]
    public async Task Datacoding_follows_the_chosen_encoding_or_else_the_text(string body, SmsEncoding? encoding, string expected)
    {
        var result = await SendAsync(Batch with { Body = body, Encoding = encoding });

        Assert.Equal(SmsSendStatus.Accepted, result.Status);
        Assert.Equal(expected, JsonDocument.Parse(Assert.Single(_fake.Requests).Body).RootElement.GetProperty("datacoding").GetString());
        Assert.Equal(expected, Assert.Single(_fake.Messages).Datacoding);
    }

    [Fact]
    public async Task A_refused_access_key_is_a_configuration_error_and_is_not_retried()
    {
        var result = await SendAsync(Batch, s => s["Studenka:Sms:MessageBirdAccessKey"] = "wrong");

        Assert.Equal(SmsSendStatus.ConfigurationError, result.Status);
        Assert.Contains("code 2", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, _fake.TotalRequests);
    }

    [Fact]
    public async Task A_missing_field_is_rejected_permanently_with_the_reason()
    {
        var result = await SendAsync(Batch with { Body = "" });

        Assert.Equal(SmsSendStatus.RejectedPermanently, result.Status);
        Assert.Contains("code 9: body is required (parameter body)", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, _fake.TotalRequests);
    }

    [Fact]
    public async Task More_than_fifty_recipients_are_rejected_permanently_with_the_reason()
    {
        var recipients = Enumerable.Range(0, 51).Select(i => $"+42060100{i:0000}").ToList();

        var result = await SendAsync(Batch with { Recipients = recipients });

        Assert.Equal(SmsSendStatus.RejectedPermanently, result.Status);
        Assert.Contains("code 10", result.Error, StringComparison.Ordinal);
        Assert.Contains("recipients", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(402)]
    [InlineData(422)]
    public async Task Error_code_25_is_insufficient_balance_whatever_the_status(int status)
    {
        _fake.Options.BalanceExhausted = true;
        _fake.Options.BalanceExhaustedStatusCode = status;

        var result = await SendAsync(Batch);

        Assert.Equal(SmsSendStatus.InsufficientBalance, result.Status);
        Assert.Empty(_fake.Messages);
    }

    [Theory]
    [InlineData(FakeFault.Status500)]
    [InlineData(FakeFault.Status503)]
    [InlineData(FakeFault.Status429)]
    public async Task One_refused_attempt_is_retried_and_the_batch_is_sent_exactly_once(FakeFault fault)
    {
        _fake.EnqueueFaults(fault);

        var result = await SendAsync(Batch);

        Assert.Equal(SmsSendStatus.Accepted, result.Status);
        Assert.Equal(2, _fake.TotalRequests);
        Assert.Equal(result.ProviderMessageId, Assert.Single(_fake.Messages).Id);
    }

    [Fact]
    public async Task A_gateway_that_stays_unavailable_is_a_transient_failure_after_max_retries_plus_one_attempts()
    {
        _fake.EnqueueFaults(FakeFault.Status503, FakeFault.Status503, FakeFault.Status503, FakeFault.Status503, FakeFault.Status503);

        var result = await SendAsync(Batch);

        Assert.Equal(SmsSendStatus.TransientFailure, result.Status);
        Assert.Contains("503", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, _fake.Count(FakeOutcome.Status503));
        Assert.Empty(_fake.Messages);
    }

    [Fact]
    public async Task A_gateway_asking_to_wait_an_hour_ends_the_send_as_a_transient_failure_at_once()
    {
        _fake.Options.RetryAfter = TimeSpan.FromHours(1);
        _fake.EnqueueFaults(FakeFault.Status429);

        var result = await SendAsync(Batch);

        Assert.Equal(SmsSendStatus.TransientFailure, result.Status);
        Assert.Equal(1, _fake.TotalRequests);
    }

    [Fact]
    public async Task A_connection_dropped_after_sending_is_outcome_unknown_and_never_resent()
    {
        _fake.EnqueueFaults(FakeFault.DropConnection);

        var result = await SendAsync(Batch);

        Assert.Equal(SmsSendStatus.OutcomeUnknown, result.Status);
        Assert.Equal(1, _fake.TotalRequests);
        Assert.Equal(1, _fake.Count(FakeOutcome.ReceivedNotAnswered));
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_is_outcome_unknown_and_never_resent()
    {
        _fake.EnqueueFaults(FakeFault.Hang);

        var result = await SendAsync(Batch, s => s["Studenka:Sms:MessageBirdTimeoutSeconds"] = "0.3");

        Assert.Equal(SmsSendStatus.OutcomeUnknown, result.Status);
        Assert.Contains("0.3 s", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, _fake.TotalRequests);
        Assert.Empty(_fake.Messages);
    }

    [Fact]
    public async Task A_timeout_logs_no_error_and_no_stack_trace_above_debug_level()
    {
        using var logs = new RecordingLoggerProvider();
        var settings = MessageBirdGatewayHost.Settings(_fake.BaseUrl);
        settings["Studenka:Sms:MessageBirdTimeoutSeconds"] = "0.3";
        _fake.EnqueueFaults(FakeFault.Hang);
        await using (var host = MessageBirdGatewayHost.Create(settings, logs))
        {
            Assert.Equal(SmsSendStatus.OutcomeUnknown, (await host.Gateway.SendAsync(Batch, CancellationToken.None)).Status);
        }

        // The dispatcher says it once, as a warning (OutboxDispatcherLoggingTests); the client adds nothing above debug.
        var visible = logs.Entries.Where(e => !e.StartsWith("Debug", StringComparison.Ordinal) && !e.StartsWith("Trace", StringComparison.Ordinal)).ToList();
        Assert.Contains(logs.Entries, e => e.Contains("OnTimeout", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal) || e.StartsWith("Warning", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.Contains("   at ", StringComparison.Ordinal) || e.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_failure()
    {
        var result = await SendAsync(Batch, baseUrl: new Uri($"http://127.0.0.1:{ClosedPort()}/"));

        Assert.Equal(SmsSendStatus.TransientFailure, result.Status);
    }

    [Fact]
    public async Task A_slow_gateway_within_the_timeout_is_accepted()
    {
        _fake.Options.Latency = TimeSpan.FromMilliseconds(200);

        var result = await SendAsync(Batch, s => s["Studenka:Sms:MessageBirdTimeoutSeconds"] = "3");

        Assert.Equal(SmsSendStatus.Accepted, result.Status);
        Assert.Single(_fake.Messages);
    }

    [Fact]
    public async Task The_access_key_appears_in_no_log_entry_even_at_trace_level_and_on_retries()
    {
        using var logs = new RecordingLoggerProvider();
        var settings = MessageBirdGatewayHost.Settings(_fake.BaseUrl, accessKey: "live_SECRET_key_123");
        _fake.Options.AccessKey = "live_SECRET_key_123";
        _fake.EnqueueFaults(FakeFault.Status500);
        await using (var host = MessageBirdGatewayHost.Create(settings, logs))
        {
            Assert.Equal(SmsSendStatus.Accepted, (await host.Gateway.SendAsync(Batch, CancellationToken.None)).Status);
        }

        Assert.Contains(logs.Entries, e => e.Contains("/messages", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains("SECRET", StringComparison.Ordinal));
    }

    /// <summary>A port that was just free: nothing listens there, so connecting is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
