using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Site.IntegrationTests.Editors;

/// <summary>
/// A page's announcement as publishing records it (a content campaign plus its page_announcements row),
/// made through the package's own services: the hosts here raise no Core content notifications (the
/// publish path has its tests with Core types in the package tests).
/// </summary>
internal static class PageCampaigns
{
    public static async Task<(Guid Page, Campaign Campaign)> AnnouncedAsync(IServiceProvider services, int packageId = 4, bool draft = true)
    {
        var page = Guid.NewGuid();
        var created = await services.GetRequiredService<CampaignService>().CreateAsync(
            new CampaignDraft(packageId, null, null, "Adventní koncert: so 12. 12. v 18:00, kostel.", Schedule: draft ? null : new CampaignSchedule("2026-12-10T09:00"),
                Source: new CampaignSourceInput("content", page, "https://www.studenka.cz/akce/koncert")),
            OperatorIdentity.System, CancellationToken.None);
        var campaign = created.Campaign ?? throw new InvalidOperationException(string.Join(" ", created.Errors?.Values ?? [created.Reason ?? ""]));
        await services.GetRequiredService<PageAnnouncements>().SaveAsync(
            new PageAnnouncement(page, "", "eventPage", "hash", campaign.Id, new DateTimeOffset(2026, 12, 12, 17, 0, 0, TimeSpan.Zero), null,
                "Jana Nováková (jnovakova)", false, null, DateTimeOffset.UnixEpoch), CancellationToken.None);
        return (page, campaign);
    }
}
