using Microsoft.Extensions.Logging;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Tests.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>What an operator reads in the log when MessageBird misbehaves: the real client, the real dispatcher, the fake MessageBird.</summary>
public sealed class OutboxDispatcherLoggingTests
{
    [Fact]
    public async Task A_messagebird_timeout_during_a_campaign_is_one_warning_line_without_a_stack_trace()
    {
        await using var fake = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = "k1" });
        fake.EnqueueFaults(FakeFault.Hang);
        using var logs = new RecordingLoggerProvider();
        var settings = MessageBirdGatewayHost.Settings(fake.BaseUrl);
        settings["Studenka:Sms:MessageBirdTimeoutSeconds"] = "0.3";
        await using var host = MessageBirdGatewayHost.Create(settings, logs);
        await using var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(3, 2, areas.OtherPart);
        var campaign = await bed.AddCampaignAsync(packageId: 2);
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

        await bed.CreateRunner(bed.Node, host.Gateway, bed.Status, loggerFactory).RunOnceAsync(CancellationToken.None);

        Assert.All(await bed.OutboxAsync(campaign), r => Assert.Equal("unknown", r.Status));
        var visible = logs.Entries.Where(e => !e.StartsWith("Debug", StringComparison.Ordinal) && !e.StartsWith("Trace", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(visible, e => e.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains($"campaign {campaign}", warning, StringComparison.Ordinal);
        Assert.Contains("0.3 s", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(visible, e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, e => e.Contains("   at ", StringComparison.Ordinal) || e.Contains("Exception", StringComparison.Ordinal));
    }
}
