using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>A campaign's own sender travels from the campaigns row through the claim to the gateway.</summary>
public sealed class CampaignOriginatorDeliveryTests
{
    // The police's campaign goes to package 2, the town's to package 3, so the recipients tell them apart.
    private static async Task<(DeliveryBed Bed, List<string> Police, List<string> Town)> TwoCampaignsAsync()
    {
        var bed = await DeliveryBed.CreateAsync();
        var areas = await bed.AreasAsync();
        var police = await bed.AddSubscribersAsync(3, 2, areas.OtherPart);
        var town = await bed.AddSubscribersAsync(2, 3, areas.OtherPart);
        await bed.AddCampaignAsync(packageId: 2, originator: "MP Studenka");
        await bed.AddCampaignAsync(packageId: 3);
        return (bed, police, town);
    }

    [Fact]
    public async Task A_campaign_with_its_own_originator_reaches_the_gateway_with_it_and_one_without_leaves_the_default()
    {
        var (bed, police, town) = await TwoCampaignsAsync();
        await using var _ = bed;

        await bed.RunOnceAsync();

        var calls = bed.Gateway.Calls.Select(c => c.Batch).ToList();
        Assert.Equal(police.Order(), calls.Where(b => b.Originator == "MP Studenka").SelectMany(b => b.Recipients).Order());
        Assert.Equal(town.Order(), calls.Where(b => b.Originator is null).SelectMany(b => b.Recipients).Order());
        Assert.Equal(police.Count + town.Count, calls.Sum(b => b.Recipients.Count));
    }

    [Fact]
    public async Task Residents_see_the_campaigns_sender_or_else_the_configured_one()
    {
        var (bed, police, town) = await TwoCampaignsAsync();
        await using var _ = bed;
        var sandbox = new SandboxSmsGateway(bed.Database.Connections, Options.Create(new SmsOptions { Originator = "Studenka" }), bed.Time);
        var runner = bed.CreateRunner(bed.Node, sandbox, bed.Status);

        await runner.RunOnceAsync(CancellationToken.None);

        var shown = (await sandbox.RecentAsync(100, null, CancellationToken.None)).ToDictionary(s => s.Recipient, s => s.Originator);
        Assert.Equal(police.Count + town.Count, shown.Count);
        Assert.All(police, phone => Assert.Equal("MP Studenka", shown[phone]));
        Assert.All(town, phone => Assert.Equal("Studenka", shown[phone]));
    }
}
