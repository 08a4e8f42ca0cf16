using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class CampaignResendTests : IAsyncLifetime
{
    private static readonly OperatorIdentity Dispatch = new("d", "Městská policie", OperatorRole.Dispatch);

    private CampaignTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await CampaignTestBed.CreateAsync();

    public Task DisposeAsync() => _bed.DisposeAsync().AsTask();

    /// <summary>A sent campaign of <paramref name="package"/> to five residents: accepted, refused by the gateway, undeliverable, expired, unknown.</summary>
    private async Task<Campaign> SentWithFailuresAsync(int package = 1)
    {
        var butovice = await _bed.PartIdAsync("Butovice");
        foreach (var phone in new[] { "+420603000001", "+420603000002", "+420603000003", "+420603000004", "+420603000005" })
        {
            await _bed.AddSubscriberAsync(phone, [package], [(butovice, null)]);
        }

        var campaign = (await _bed.Service.CreateAsync(new(package, [butovice], null, "Voda stoupá.", Originator: "MP Studenka"), OperatorIdentity.System, CancellationToken.None)).Campaign!;
        await _bed.StartSendingAsync(campaign.Id, "+420603000001", "+420603000002", "+420603000003", "+420603000004", "+420603000005");
        await using var connection = await _bed.Database.OpenAsync();
        await connection.ExecuteAsync("""
            UPDATE outbox SET status = CASE address WHEN '+420603000002' THEN 'failed' WHEN '+420603000005' THEN 'unknown' ELSE 'accepted' END,
                delivery_status = CASE address WHEN '+420603000003' THEN 'delivery_failed' WHEN '+420603000004' THEN 'expired' WHEN '+420603000001' THEN 'delivered' END,
                error = CASE address WHEN '+420603000002' THEN 'invalid recipient' END
            WHERE campaign_id = @id
            """, new { id = campaign.Id });
        await _bed.SetStateAsync(campaign.Id, CampaignStates.Sent);
        return campaign;
    }

    [Fact]
    public async Task The_recipients_show_what_an_operator_means_by_each_status()
    {
        var campaign = await SentWithFailuresAsync();

        var all = await _bed.Recipients.PageAsync(campaign.Id, null, 0, 10, CancellationToken.None);
        var failed = await _bed.Recipients.PageAsync(campaign.Id, "failed", 0, 2, CancellationToken.None);

        Assert.Equal(
            [("+420603000001", "delivered"), ("+420603000002", "failed"), ("+420603000003", "failed"), ("+420603000004", "failed"), ("+420603000005", "unknown")],
            all.Items.Select(r => (r.Phone, r.Status)));
        Assert.Equal((3, 2), (failed.Total, failed.Items.Count));
        Assert.Equal("invalid recipient", failed.Items[0].Error);
    }

    [Fact]
    public async Task Resending_makes_a_new_campaign_for_the_failed_only_with_the_same_text_package_and_sender_sent_at_once()
    {
        var original = await SentWithFailuresAsync();
        await _bed.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

        var result = await _bed.Resend.ResendFailedAsync(original.Id, Dispatch, CancellationToken.None);

        var resend = result.Campaign!;
        Assert.Equal(CampaignOutcome.Done, result.Outcome);
        Assert.NotEqual(original.Id, resend.Id);
        Assert.Equal((original.Text, original.Body, original.PackageId, "MP Studenka"), (resend.Text, resend.Body, resend.PackageId, resend.Originator));
        Assert.Equal(original.CityPartIds, resend.CityPartIds);
        Assert.Equal((CampaignStates.Sending, 3), (resend.State, resend.RecipientCount));
        // Undeliverable and expired count as failed; "unknown" may have arrived and is never sent twice.
        Assert.Equal(
            new Dictionary<string, string> { ["+420603000002"] = "pending", ["+420603000003"] = "pending", ["+420603000004"] = "pending" },
            await _bed.OutboxAsync(resend.Id));
        Assert.True(await _bed.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "the delivery worker was not woken");
        var audit = (await _bed.Audit.ReadAsync(1, CancellationToken.None)).Single();
        Assert.Equal(("campaign.resend-failed", $"campaign:{resend.Id}"), (audit.Action, audit.Subject));
        Assert.StartsWith($"of=campaign:{original.Id}; recipients=3", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_who_no_longer_subscribes_to_the_package_gets_nothing()
    {
        var original = await SentWithFailuresAsync();
        await using (var connection = await _bed.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE subscriber_packages SET package_id = 4 WHERE subscriber_id = (SELECT id FROM subscribers WHERE phone = '+420603000003')");
        }

        var resend = (await _bed.Resend.ResendFailedAsync(original.Id, Dispatch, CancellationToken.None)).Campaign!;

        Assert.Equal(["+420603000002", "+420603000004"], (await _bed.OutboxAsync(resend.Id)).Keys.Order());
    }

    [Fact]
    public async Task A_second_resend_of_the_same_campaign_is_refused_so_a_double_click_sends_once()
    {
        var original = await SentWithFailuresAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _bed.Resend.ResendFailedAsync(original.Id, Dispatch, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == CampaignOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != CampaignOutcome.Done), r => Assert.Equal(CampaignOutcome.Refused, r.Outcome));
        Assert.Equal(2, await _bed.CountAsync("campaigns"));
    }

    [Fact]
    public async Task Nothing_failed_is_a_czech_refusal_and_no_campaign()
    {
        var butovice = await _bed.PartIdAsync("Butovice");
        var campaign = (await _bed.Service.CreateAsync(new(1, [butovice], null, "Voda stoupá."), Dispatch, CancellationToken.None)).Campaign!;
        await _bed.StartSendingAsync(campaign.Id, "+420603000001");

        var result = await _bed.Resend.ResendFailedAsync(campaign.Id, Dispatch, CancellationToken.None);

        Assert.Equal(CampaignOutcome.Refused, result.Outcome);
        Assert.Contains("nepodařilo doručit", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await _bed.CountAsync("campaigns"));
    }

    [Fact]
    public async Task Only_an_operator_who_may_send_the_package_may_resend_it()
    {
        var original = await SentWithFailuresAsync(package: 3);

        var result = await _bed.Resend.ResendFailedAsync(original.Id, Dispatch, CancellationToken.None);
        var missing = await _bed.Resend.ResendFailedAsync(404, Dispatch, CancellationToken.None);

        Assert.Equal((CampaignOutcome.Forbidden, CampaignOutcome.NotFound), (result.Outcome, missing.Outcome));
        Assert.Equal(1, await _bed.CountAsync("campaigns"));
    }
}
