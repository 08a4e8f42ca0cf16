using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class CampaignPreviewServiceTests : IAsyncLifetime
{
    private CampaignTestBed _bed = null!;
    private long _butovice;
    private long _studenka;
    private long _postovniStudenka;

    public async Task InitializeAsync()
    {
        _bed = await CampaignTestBed.CreateAsync();
        _butovice = await _bed.PartIdAsync("Butovice");
        _studenka = await _bed.PartIdAsync("Studénka");
        _postovniStudenka = await _bed.StreetIdAsync("Studénka", "Poštovní");
        var nadrazniButovice = await _bed.StreetIdAsync("Butovice", "Nádražní");
        await _bed.AddSubscriberAsync("+420601000001", [2], [(_butovice, nadrazniButovice)]);
        await _bed.AddSubscriberAsync("+420601000002", [5], [(_studenka, _postovniStudenka)]);
        await _bed.AddSubscriberAsync("+420601000003", [3], [(_butovice, null)]);
        await _bed.AddSubscriberAsync("+420601000004", [2, 4], [(_studenka, null), (_butovice, nadrazniButovice)]);
        await _bed.AddSubscriberAsync("+420601000005", [2], [(_butovice, null)], status: "pending");
    }

    public Task DisposeAsync() => _bed.DisposeAsync().AsTask();

    private async Task<CampaignPreview> PreviewAsync(CampaignDraft draft)
    {
        var (preview, errors) = await _bed.Previews.PreviewAsync(draft, CancellationToken.None);
        Assert.Empty(errors);
        return preview!;
    }

    [Fact]
    public async Task The_whole_town_counts_active_subscribers_of_the_package_and_of_package_five_once_each()
    {
        var preview = await PreviewAsync(new CampaignDraft(2, null, null, "Odstavka vody"));

        // 001 (package 2), 002 (package 5), 004 (packages 2 and 4, two addresses); not 003 (package 3) nor 005 (pending).
        Assert.Equal(3, preview.Recipients);
    }

    [Fact]
    public async Task A_city_part_reaches_subscribers_with_any_address_there()
    {
        var preview = await PreviewAsync(new CampaignDraft(2, [_butovice], null, "Odstavka vody"));

        Assert.Equal(2, preview.Recipients); // 001 and 004 (second address); 002 lives in Studénka.
    }

    [Fact]
    public async Task A_street_reaches_only_subscribers_on_that_street_including_package_five()
    {
        var preview = await PreviewAsync(new CampaignDraft(2, null, [_postovniStudenka], "Odstavka vody"));

        Assert.Equal(1, preview.Recipients); // 002 (package 5); 004 lives in Studénka without a street.
    }

    [Fact]
    public async Task A_161_character_GSM_text_costs_two_segments_per_recipient()
    {
        var preview = await PreviewAsync(new CampaignDraft(2, null, null, new string('a', 161)));

        Assert.Equal(("gsm7", 161, 2, 6), (preview.Encoding, preview.Characters, preview.SegmentsPerSms, preview.TotalSegments));
        Assert.Equal(6 * 0.90m, preview.EstimatedCostCzk);
    }

    [Fact]
    public async Task Czech_diacritics_make_the_text_UCS2_unless_transliterated()
    {
        const string Text = "Zítra od 8:00 do 12:00 nepoteče voda v ulicích Poštovní a Nádražní. Děkujeme za pochopení, Městský úřad Studénka.";

        var keep = await PreviewAsync(new CampaignDraft(2, null, null, Text));
        var plain = await PreviewAsync(new CampaignDraft(2, null, null, Text, "transliterate"));

        Assert.Equal(("ucs2", 2, 6), (keep.Encoding, keep.SegmentsPerSms, keep.TotalSegments));
        Assert.Equal(3 * 2 * 0.90m, keep.EstimatedCostCzk);
        Assert.Equal(("gsm7", 1, 3), (plain.Encoding, plain.SegmentsPerSms, plain.TotalSegments));
        Assert.StartsWith("Zitra od 8:00 do 12:00 nepotece voda v ulicich Postovni a Nadrazni.", plain.SentText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evening_message_shows_that_quiet_hours_move_it_to_the_morning()
    {
        // 21:30 in Studénka (UTC+1 in November).
        _bed.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero));

        var operational = await PreviewAsync(new CampaignDraft(2, null, null, "Odstavka vody"));
        var crisis = await PreviewAsync(new CampaignDraft(1, null, null, "Povodeň"));

        Assert.True(operational.QuietHoursApply);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero), operational.DueAt);
        Assert.False(crisis.QuietHoursApply);
        Assert.Equal(_bed.Time.GetUtcNow(), crisis.DueAt);
    }

    [Fact]
    public async Task A_retired_street_cannot_be_targeted()
    {
        await using (var connection = await _bed.Database.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE streets SET is_active = 0 WHERE id = @id", new { id = _postovniStudenka });
        }

        var (preview, errors) = await _bed.Previews.PreviewAsync(new CampaignDraft(2, null, [_postovniStudenka], "Odstavka vody"), CancellationToken.None);

        Assert.Null(preview);
        Assert.Contains("neexistuje nebo už není platná", errors["streetIds"], StringComparison.Ordinal);
    }
}
