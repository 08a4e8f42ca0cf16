using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class TwoDispatchersTests
{
    [Fact]
    public async Task Two_dispatchers_on_the_same_database_file_send_every_phone_exactly_once()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => o.Concurrency = 4);
        var areas = await bed.AreasAsync();
        var phones = new List<string>();
        for (var package = 1; package <= 3; package++)
        {
            phones.AddRange(await bed.AddSubscribersAsync(700, package, areas.OtherPart));
        }

        var campaigns = new[] { await bed.AddCampaignAsync(1), await bed.AddCampaignAsync(2), await bed.AddCampaignAsync(3) };
        // Each node has its own gateway client; together their logs are what the provider saw.
        // Slow enough that one node cannot finish all 42 batches before the other has started
        // (with 2 ms and fast claims it sometimes did, and the "both nodes sent" check failed).
        var secondGateway = new ScriptedSmsGateway { Latency = TimeSpan.FromMilliseconds(15) };
        bed.Gateway.Latency = TimeSpan.FromMilliseconds(15);
        var nodeB = new DeliveryNode("node-b");
        var second = bed.CreateRunner(nodeB, secondGateway, bed.StatusOf(nodeB));

        await Task.WhenAll(
            Task.Run(() => bed.Runner.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => second.RunOnceAsync(CancellationToken.None)));

        var sent = bed.Gateway.AcceptedPhones().Concat(secondGateway.AcceptedPhones()).ToList();
        Assert.Equal(phones.Count, sent.Count);
        Assert.Equal(phones.Order(), sent.Order());
        Assert.NotEmpty(bed.Gateway.Calls);
        Assert.NotEmpty(secondGateway.Calls);
        Assert.All(bed.Gateway.Calls.Concat(secondGateway.Calls), c => Assert.InRange(c.Batch.Recipients.Count, 1, 50));
        var references = bed.Gateway.Calls.Concat(secondGateway.Calls).Select(c => c.Batch.Reference).ToList();
        Assert.Equal(references.Count, references.Distinct().Count());
        foreach (var campaign in campaigns)
        {
            Assert.Equal("sent", (await bed.CampaignAsync(campaign)).State);
        }
    }
}
