using Dapper;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

/// <summary>Service messages (codes, notices, confirmations) in the outbox's priority lane.</summary>
public sealed class ServiceLaneTests
{
    private const string Resident = "+420777123456";

    private static async Task EnqueueAsync(DeliveryBed bed, string body, string address = Resident)
    {
        await using var connection = await bed.Database.OpenAsync();
        await OutboxOperations.EnqueueServiceAsync(connection, null, new ServiceMessage(address, body), bed.Time.GetUtcNow(), CancellationToken.None);
    }

    private static async Task<List<(string Status, long Attempts, string? Error)>> ServiceRowsAsync(DeliveryBed bed)
    {
        await using var connection = await bed.Database.OpenAsync();
        return (await connection.QueryAsync<(string, long, string?)>("SELECT status, attempts, error FROM outbox WHERE lane = 'service' ORDER BY id")).ToList();
    }

    [Fact]
    public async Task A_code_queued_while_a_long_campaign_is_sent_leaves_before_the_campaigns_remaining_batches()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => o.Concurrency = 1);
        var areas = await bed.AreasAsync();
        await bed.AddSubscribersAsync(500, 2, areas.OtherPart);
        await bed.AddCampaignAsync(packageId: 2);
        var queued = 0;
        bed.Gateway.OnWire = async batch =>
        {
            // The resident asks for a code while the campaign's first request is on the wire.
            if (Interlocked.Exchange(ref queued, 1) == 0)
            {
                await EnqueueAsync(bed, "Kod 123456");
            }
        };

        await bed.RunOnceAsync();

        var calls = bed.Gateway.Calls.Select(c => c.Batch).ToList();
        Assert.Equal(11, calls.Count);
        var code = Assert.Single(calls, c => c.Body == "Kod 123456");
        Assert.Equal([Resident], code.Recipients);
        // The batch on the wire and the one already claimed beside it may go first; no more.
        Assert.InRange(calls.IndexOf(code), 1, 2);
        Assert.Equal([(OutboxStatus.Accepted, 1L, null)], await ServiceRowsAsync(bed));
    }

    [Fact]
    public async Task A_service_message_refused_for_now_is_retried_after_the_backoff_and_sent_once()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        await EnqueueAsync(bed, "Kod 654321");
        bed.Gateway.Then(new SmsSendResult(SmsSendStatus.TransientFailure, Error: "HTTP 503"));

        await bed.RunOnceAsync();
        Assert.Equal([(OutboxStatus.Pending, 1L, "HTTP 503")], await ServiceRowsAsync(bed));
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await bed.RunOnceAsync();
        await bed.RunOnceAsync();

        Assert.Equal([Resident], bed.Gateway.AcceptedPhones());
        Assert.Equal((OutboxStatus.Accepted, 2L), (await ServiceRowsAsync(bed)).Select(r => (r.Status, r.Attempts)).Single());
    }

    [Fact]
    public async Task A_service_message_whose_outcome_is_unknown_or_whose_worker_died_mid_send_is_never_sent_again()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        await EnqueueAsync(bed, "Kod 111111");
        bed.Gateway.Then(new SmsSendResult(SmsSendStatus.OutcomeUnknown, Error: "timeout"));
        await bed.RunOnceAsync();

        // A second message whose worker is killed after marking it 'sending' (the request may have left).
        await EnqueueAsync(bed, "Kod 222222");
        var batch = await bed.Claims.ClaimAsync("dead-node/1", 50, bed.Time.GetUtcNow(), TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotEmpty(await bed.Claims.MarkSendingAsync(batch!, "dead-node/1", bed.Time.GetUtcNow(), CancellationToken.None));
        bed.Time.Advance(TimeSpan.FromMinutes(5));
        await bed.RunOnceAsync();
        await bed.RunOnceAsync();

        Assert.Single(bed.Gateway.Calls);
        Assert.Equal([OutboxStatus.Unknown, OutboxStatus.Unknown], (await ServiceRowsAsync(bed)).Select(r => r.Status));
    }

    [Fact]
    public async Task A_pause_holds_service_messages_too_and_they_leave_after_the_resume()
    {
        await using var bed = await DeliveryBed.CreateAsync();
        await EnqueueAsync(bed, "Kod 333333");
        bed.Gateway.Then(new SmsSendResult(SmsSendStatus.ConfigurationError, Error: "code 2: incorrect access key"));

        await bed.RunOnceAsync();
        await bed.RunOnceAsync();
        Assert.Equal([(OutboxStatus.Pending, 0L, "code 2: incorrect access key")], await ServiceRowsAsync(bed));
        Assert.Single(bed.Gateway.Calls);

        await bed.Administration.ResumeAsync(new Notifications.Operators.OperatorIdentity("7", "Jana"), CancellationToken.None);
        await bed.RunOnceAsync();

        Assert.Equal([Resident], bed.Gateway.AcceptedPhones());
    }

    [Fact]
    public async Task Finished_service_messages_are_purged_after_the_retention_and_forgetting_a_number_removes_its_messages()
    {
        await using var bed = await DeliveryBed.CreateAsync(o => o.ServiceMessageRetentionDays = 7);
        await EnqueueAsync(bed, "Kod 444444");
        await EnqueueAsync(bed, "Kod 555555", "+420777000999");
        await bed.RunOnceAsync();
        await using (var connection = await bed.Database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await OutboxOperations.ForgetAddressAsync(connection, transaction, OutboxChannel.Sms, Resident, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Single(await ServiceRowsAsync(bed));
        bed.Time.Advance(TimeSpan.FromDays(8));
        await bed.RunOnceAsync();
        Assert.Empty(await ServiceRowsAsync(bed));
    }
}
