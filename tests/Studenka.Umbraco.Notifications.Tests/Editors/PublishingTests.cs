using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Reminders;
using global::Umbraco.Cms.Core.Models;

namespace Studenka.Umbraco.Notifications.Tests.Editors;

/// <summary>Publishing an event or news page through Core's event aggregator records its SMS campaign and reminders.</summary>
public sealed class PublishingTests
{
    private static async Task<long> PartIdAsync(PublishingBed bed, string name) =>
        (await bed.Provider.GetRequiredService<AreaRepository>().GetCatalogAsync(CancellationToken.None)).Parts.Single(p => p.Part.Name == name).Part.Id;

    private static string UrlOf(IContent page) => "https://www.studenka.cz/akce/" + page.Key.ToString("N")[..8];

    [Fact]
    public async Task Publishing_an_event_page_creates_a_scheduled_campaign_with_the_czech_date_package_area_and_the_page_as_source()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();

        await bed.PublishAsync(page);

        var campaign = Assert.Single(await bed.CampaignsAsync(page));
        Assert.Equal($"Adventní koncert: so 12. 12. v 18:00, kostel sv. Bartoloměje. Více na {UrlOf(page)}", campaign.Text);
        Assert.Equal(4, campaign.PackageId);
        Assert.Equal([await PartIdAsync(bed, "Butovice")], campaign.CityPartIds);
        Assert.Empty(campaign.StreetIds);
        Assert.Equal("content", campaign.Source);
        Assert.Equal(page.Key, campaign.ContentKey);
        Assert.Equal(UrlOf(page), campaign.ContentUrl);
        Assert.Equal(CampaignStates.Scheduled, campaign.State);
        Assert.Equal(PublishingBed.Start, campaign.DueAt);
        Assert.Contains("Systém", campaign.CreatedBy, StringComparison.Ordinal);
        Assert.Contains("Jana Nováková", campaign.CreatedBy, StringComparison.Ordinal);
        Assert.Contains("Jana Nováková", await bed.AuditDetailsAsync(campaign.Id), StringComparison.Ordinal);
        // The e-mail's .ics: the page's title, start (18:00 in Prague = 17:00 UTC in December) and place.
        var email = await bed.Provider.GetRequiredService<CampaignEmailContents>().ReadAsync(campaign.Id, CancellationToken.None);
        Assert.Equal(new CampaignEvent("Adventní koncert", new DateTimeOffset(2026, 12, 12, 17, 0, 0, TimeSpan.Zero), null, "kostel sv. Bartoloměje"), email.Event);
    }

    [Fact]
    public async Task The_page_own_text_and_a_street_replace_the_template_and_the_part()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        page.SetValue("smsText", "Zveme vás {date} v {time} na {title} ({place}).");
        page.SetValue("smsAreas", "studénka/nádražní, Nová Horka");

        await bed.PublishAsync(page);

        var campaign = Assert.Single(await bed.CampaignsAsync(page));
        Assert.Equal("Zveme vás so 12. 12. v 18:00 na Adventní koncert (kostel sv. Bartoloměje).", campaign.Text);
        Assert.Equal([await PartIdAsync(bed, "Nová Horka")], campaign.CityPartIds);
        Assert.Single(campaign.StreetIds);
    }

    [Fact]
    public async Task A_news_page_uses_its_template_and_asks_for_no_reminders()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = new Content("Uzavírka Butovické ulice", -1, PublishingBed.DocumentType("newsPage")) { Key = Guid.NewGuid() };
        page.SetValue("smsEnabled", 1);
        page.SetValue("smsPackage", "3");

        await bed.PublishAsync(page);

        var campaign = Assert.Single(await bed.CampaignsAsync(page));
        Assert.Equal($"Uzavírka Butovické ulice. Více na {UrlOf(page)}", campaign.Text);
        Assert.Empty(campaign.CityPartIds);
        Assert.Empty(bed.Reminders.Scheduled);
    }

    [Fact]
    public async Task Republishing_an_unchanged_page_creates_nothing_and_asks_for_no_reminders_again()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();

        await bed.PublishAsync(page);
        await bed.PublishAsync(page);
        await bed.PublishAsync(page);

        Assert.Single(await bed.CampaignsAsync(page));
        Assert.Single(bed.Reminders.Scheduled);
    }

    [Fact]
    public async Task Changed_text_replaces_a_campaign_that_has_not_gone_yet()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        await bed.PublishAsync(page);

        page.SetValue("eventLocation", "sokolovna");
        await bed.PublishAsync(page);

        var campaigns = await bed.CampaignsAsync(page);
        Assert.Equal(2, campaigns.Count);
        Assert.Equal(CampaignStates.Cancelled, campaigns[0].State);
        Assert.Equal(PageAnnouncer.ReplacedReason, campaigns[0].FailureReason);
        Assert.Equal(CampaignStates.Scheduled, campaigns[1].State);
        Assert.Contains("sokolovna", campaigns[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_text_after_the_campaign_went_makes_a_new_one_and_leaves_the_sent_one_alone()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        await bed.PublishAsync(page);
        var first = Assert.Single(await bed.CampaignsAsync(page));
        await using (var connection = await bed.Connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE campaigns SET state = 'sent' WHERE id = @id", new { id = first.Id });
        }

        page.SetValue("smsText", "Koncert se přesouvá do sokolovny. {url}");
        await bed.PublishAsync(page);

        var campaigns = await bed.CampaignsAsync(page);
        Assert.Equal([CampaignStates.Sent, CampaignStates.Scheduled], campaigns.Select(c => c.State));
    }

    [Fact]
    public async Task Publishing_an_event_asks_for_the_default_reminders_of_package_4_with_the_rendered_reminder_text()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();

        await bed.PublishAsync(page);

        var request = Assert.Single(bed.Reminders.Scheduled);
        Assert.Equal(page.Key, request.ContentKey);
        Assert.Equal("eventPage", request.DocumentType);
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 17, 0, 0, TimeSpan.Zero), request.EventStart);
        Assert.Equal(4, request.PackageId);
        Assert.Equal([await PartIdAsync(bed, "Butovice")], request.CityPartIds);
        Assert.Equal([ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0)), ReminderOffset.BeforeStart(TimeSpan.FromHours(2))], request.Offsets);
        Assert.Equal($"Připomínáme: Adventní koncert so 12. 12. v 18:00, kostel sv. Bartoloměje. {UrlOf(page)}", request.Text);
        Assert.Contains("Jana Nováková", request.EditorName, StringComparison.Ordinal);
        Assert.Equal(UrlOf(page), request.ContentUrl);
    }

    [Fact]
    public async Task A_page_in_another_package_gets_the_document_type_default_and_its_own_list_wins()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var council = PublishingBed.EventPage();
        council.SetValue("smsPackage", "3");
        var concert = PublishingBed.EventPage();
        concert.SetValue("smsReminders", "2d@18:00, 30m");

        await bed.PublishAsync(council);
        await bed.PublishAsync(concert);

        Assert.Equal([ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0))], bed.Reminders.Scheduled[0].Offsets);
        Assert.Equal([ReminderOffset.DayBeforeAt(2, new TimeOnly(18, 0)), ReminderOffset.BeforeStart(TimeSpan.FromMinutes(30))], bed.Reminders.Scheduled[1].Offsets);
    }

    [Fact]
    public async Task A_moved_event_start_schedules_the_reminders_again_at_the_new_time()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        await bed.PublishAsync(page);

        page.SetValue("eventStart", new DateTime(2026, 12, 13, 16, 0, 0, DateTimeKind.Unspecified));
        await bed.PublishAsync(page);

        Assert.Equal(2, bed.Reminders.Scheduled.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 13, 15, 0, 0, TimeSpan.Zero), bed.Reminders.Scheduled[1].EventStart);
        Assert.Contains("ne 13. 12. v 16:00", bed.Reminders.Scheduled[1].Text, StringComparison.Ordinal);
        var campaigns = await bed.CampaignsAsync(page);
        Assert.Equal([CampaignStates.Cancelled, CampaignStates.Scheduled], campaigns.Select(c => c.State));
    }

    [Fact]
    public async Task Unpublishing_cancels_the_unsent_campaign_and_the_reminders_and_publishing_again_announces_again()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        await bed.PublishAsync(page);

        await bed.UnpublishAsync(page);

        var cancelled = Assert.Single(await bed.CampaignsAsync(page));
        Assert.Equal(CampaignStates.Cancelled, cancelled.State);
        Assert.Equal(PageAnnouncer.WithdrawnReason, cancelled.FailureReason);
        Assert.Equal([page.Key], bed.Reminders.Cancelled);

        await bed.PublishAsync(page);

        Assert.Equal([CampaignStates.Cancelled, CampaignStates.Scheduled], (await bed.CampaignsAsync(page)).Select(c => c.State));
        Assert.Equal(2, bed.Reminders.Scheduled.Count);
    }

    [Fact]
    public async Task Unpublishing_a_parent_withdraws_the_event_pages_below_it_which_the_notification_does_not_name()
    {
        // Umbraco names only the node unpublished; the pages below it stay published but are no longer on the web.
        var (contentService, tree) = ContentTreeDouble.Create();
        await using var bed = await PublishingBed.CreateAsync(contentService: contentService);
        var folder = new Content("Akce 2026", -1, PublishingBed.DocumentType("eventsFolder")) { Key = Guid.NewGuid(), Id = 1100, Path = "-1,1100" };
        var month = new Content("Prosinec", -1, PublishingBed.DocumentType("eventsFolder")) { Key = Guid.NewGuid(), Id = 1101 };
        var concert = PublishingBed.EventPage();
        concert.Id = 1102;
        var elsewhere = PublishingBed.EventPage();
        elsewhere.Id = 1200;
        tree.Add(folder, month);
        tree.Add(month, concert);
        await bed.PublishAsync(concert);
        await bed.PublishAsync(elsewhere);

        await bed.UnpublishAsync(folder);

        Assert.Equal(CampaignStates.Cancelled, Assert.Single(await bed.CampaignsAsync(concert)).State);
        Assert.Equal(CampaignStates.Scheduled, Assert.Single(await bed.CampaignsAsync(elsewhere)).State);
        Assert.Equal([concert.Key], bed.Reminders.Cancelled);
        Assert.Equal(1100, Assert.Single(tree.DescendantQueries).Id);
    }

    [Fact]
    public async Task Trashing_cancels_the_unsent_campaign_and_the_reminders_but_not_a_sent_one()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        await bed.PublishAsync(page);
        var sent = PublishingBed.EventPage();
        await bed.PublishAsync(sent);
        await using (var connection = await bed.Connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE campaigns SET state = 'sent' WHERE id = @id", new { id = (await bed.CampaignsAsync(sent))[0].Id });
        }

        await bed.TrashAsync(page);
        await bed.TrashAsync(sent);

        Assert.Equal(CampaignStates.Cancelled, Assert.Single(await bed.CampaignsAsync(page)).State);
        Assert.Equal(CampaignStates.Sent, Assert.Single(await bed.CampaignsAsync(sent)).State);
        Assert.Equal([page.Key, sent.Key], bed.Reminders.Cancelled);
    }

    [Fact]
    public async Task Switching_sms_off_and_republishing_withdraws_the_page()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        await bed.PublishAsync(page);

        page.SetValue("smsEnabled", 0);
        await bed.PublishAsync(page);

        Assert.Equal(CampaignStates.Cancelled, Assert.Single(await bed.CampaignsAsync(page)).State);
        Assert.Equal([page.Key], bed.Reminders.Cancelled);
    }

    [Fact]
    public async Task Pages_without_sms_or_of_other_document_types_send_nothing()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var off = PublishingBed.EventPage();
        off.SetValue("smsEnabled", 0);
        var other = PublishingBed.EventPage(PublishingBed.DocumentType("textPage"));

        await bed.PublishAsync(off);
        await bed.PublishAsync(other);
        await bed.UnpublishAsync(other);

        Assert.Empty(await bed.CampaignsAsync(off));
        Assert.Empty(await bed.CampaignsAsync(other));
        Assert.Empty(bed.Reminders.Scheduled);
        Assert.Empty(bed.Reminders.Cancelled);
    }

    [Theory]
    [InlineData("smsPackage", "7", "balíček zpráv 1–4")]
    [InlineData("smsPackage", "5", "balíček zpráv 1–4")]
    [InlineData("smsAreas", "Ostrava", "městská část „Ostrava“ neexistuje")]
    [InlineData("smsAreas", "Studénka/Neexistující", "ulice „Neexistující“")]
    [InlineData("smsReminders", "zítra ráno", "nemá správný tvar")]
    public async Task A_bad_value_is_recorded_for_the_page_and_it_gets_no_sms_while_publishing_goes_on(string alias, string value, string problem)
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        page.SetValue(alias, value);

        await bed.PublishAsync(page);

        Assert.Empty(await bed.CampaignsAsync(page));
        Assert.Empty(bed.Reminders.Scheduled);
        var row = await bed.Provider.GetRequiredService<PageAnnouncements>().GetAsync(page.Key, "", CancellationToken.None);
        Assert.Contains(problem, row?.Problem, StringComparison.Ordinal);
        Assert.Contains(alias, row?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_culture_variant_page_sends_its_czech_values_and_a_publish_of_english_alone_sends_nothing()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage(PublishingBed.DocumentType("eventPage", variesByCulture: true));
        page.SetCultureName("Adventní koncert", "cs-CZ");
        page.SetCultureName("Advent concert", "en-US");
        page.SetValue("eventLocation", "kostel", "cs-CZ");
        page.SetValue("eventLocation", "church", "en-US");

        await bed.PublishAsync(page, ["en-US"]);
        Assert.Empty(await bed.CampaignsAsync(page));

        await bed.PublishAsync(page, ["cs-CZ", "en-US"]);

        var campaign = Assert.Single(await bed.CampaignsAsync(page));
        Assert.StartsWith("Adventní koncert: so 12. 12. v 18:00, kostel.", campaign.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublishing_the_czech_culture_withdraws_the_page()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage(PublishingBed.DocumentType("eventPage", variesByCulture: true));
        page.SetCultureName("Adventní koncert", "cs-CZ");
        await bed.PublishAsync(page, ["cs-CZ"]);

        await bed.PublishAsync(page, [], ["cs-CZ"]);

        Assert.Equal(CampaignStates.Cancelled, Assert.Single(await bed.CampaignsAsync(page)).State);
    }

    [Fact]
    public async Task Late_in_the_evening_quiet_hours_hold_the_campaign_until_seven()
    {
        await using var bed = await PublishingBed.CreateAsync();
        bed.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 21, 30, 0, TimeSpan.Zero));
        var page = PublishingBed.EventPage();

        await bed.PublishAsync(page);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero), Assert.Single(await bed.CampaignsAsync(page)).DueAt);
    }

    [Fact]
    public async Task Configured_to_create_drafts_the_campaign_waits_for_send_now()
    {
        await using var bed = await PublishingBed.CreateAsync(new Dictionary<string, string?> { ["Studenka:Editors:CreateAs"] = "draft" });
        var page = PublishingBed.EventPage();

        await bed.PublishAsync(page);

        Assert.Equal(CampaignStates.Draft, Assert.Single(await bed.CampaignsAsync(page)).State);
    }

    [Fact]
    public async Task Without_a_reminder_scheduler_the_campaign_is_still_created()
    {
        await using var bed = await PublishingBed.CreateAsync(withScheduler: false);
        var page = PublishingBed.EventPage();

        await bed.PublishAsync(page);
        await bed.UnpublishAsync(page);

        Assert.Equal(CampaignStates.Cancelled, Assert.Single(await bed.CampaignsAsync(page)).State);
    }

    [Fact]
    public async Task A_failing_reminder_scheduler_breaks_neither_the_publish_nor_idempotency_and_the_next_publish_asks_again()
    {
        await using var bed = await PublishingBed.CreateAsync();
        var page = PublishingBed.EventPage();
        bed.Reminders.Fails = true;

        await bed.PublishAsync(page);
        await bed.PublishAsync(page);

        Assert.Equal(CampaignStates.Scheduled, Assert.Single(await bed.CampaignsAsync(page)).State);
        Assert.Empty(bed.Reminders.Scheduled);

        bed.Reminders.Fails = false;
        await bed.PublishAsync(page);

        Assert.Single(await bed.CampaignsAsync(page));
        Assert.Single(bed.Reminders.Scheduled);
    }

    [Testing.PostgresFact]
    public async Task On_PostgreSQL_publishing_republishing_changing_and_unpublishing_behave_alike()
    {
        await using var bed = await PublishingBed.CreateAsync(engine: Notifications.Persistence.DatabaseProvider.PostgreSql);
        var page = PublishingBed.EventPage();

        await bed.PublishAsync(page);
        await bed.PublishAsync(page);
        page.SetValue("eventLocation", "sokolovna");
        await bed.PublishAsync(page);
        await bed.UnpublishAsync(page);

        var campaigns = await bed.CampaignsAsync(page);
        Assert.Equal([CampaignStates.Cancelled, CampaignStates.Cancelled], campaigns.Select(c => c.State));
        Assert.Equal([PageAnnouncer.ReplacedReason, PageAnnouncer.WithdrawnReason], campaigns.Select(c => c.FailureReason));
        Assert.Equal(2, bed.Reminders.Scheduled.Count);
        Assert.Equal([page.Key], bed.Reminders.Cancelled);
        var row = await bed.Provider.GetRequiredService<PageAnnouncements>().GetAsync(page.Key, "", CancellationToken.None);
        Assert.True(row?.Withdrawn);
    }
}
