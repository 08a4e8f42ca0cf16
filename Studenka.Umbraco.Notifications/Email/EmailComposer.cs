using System.Collections.Concurrent;
using MimeKit;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Delivery;

namespace Studenka.Umbraco.Notifications.Email;

/// <summary>The message for one claimed e-mail row, shared by the SMTP and the sandbox sender.</summary>
public sealed class EmailComposer(EmailMessageBuilder builder, CampaignEmailContents campaigns)
{
    // A campaign's text never changes once written, so each node reads it once per campaign.
    private readonly ConcurrentDictionary<long, CampaignEmailContent> _contents = new();

    public async Task<MimeMessage> ComposeAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        var to = batch.Addresses.Single();
        if (batch.CampaignId is not { } campaignId)
        {
            return builder.Service(to, batch.Reference, batch.Body);
        }

        if (!_contents.TryGetValue(campaignId, out var content))
        {
            content = _contents.GetOrAdd(campaignId, await campaigns.ReadAsync(campaignId, cancellationToken));
        }

        return builder.Campaign(to, batch.Reference, content);
    }
}
