using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class CampaignValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    // Butovice (1) with Nádražní (10); Studénka (2) with Poštovní (20). A retired street is simply not in the catalog.
    private static readonly AreaCatalog Areas = new(
    [
        new(new CityPart(1, 158453, "Butovice"), [new Street(10, 1, "Nádražní")]),
        new(new CityPart(2, 413658, "Studénka"), [new Street(20, 2, "Poštovní")]),
    ]);

    private static readonly CampaignDraft Good = new(2, [1], [20], "Zítra od 8 do 12 h nepoteče voda v ulici Poštovní.");

    private static readonly TownCalendar Calendar = new(Options.Create(new SubscriptionOptions()), new FakeTimeProvider(Now));

    private static (ValidCampaign? Campaign, IReadOnlyDictionary<string, string> Errors) Validate(CampaignDraft draft) =>
        CampaignValidator.Validate(draft, Areas, new CampaignOptions(), Calendar, Now);

    public static TheoryData<string, CampaignDraft, string, string> BadDrafts => new()
    {
        { "no text", Good with { Text = null }, "text", "Text zprávy je prázdný" },
        { "blank text", Good with { Text = "  \n " }, "text", "Text zprávy je prázdný" },
        // 1,530 characters, one of them an extension character of two septets: 1,531 septets.
        { "11 GSM segments", Good with { Text = new string('a', (153 * 10) - 1) + "€" }, "text", "11 SMS na příjemce, povoleno nejvýše 10" },
        { "more characters than 10 segments can hold", Good with { Text = new string('a', (153 * 10) + 1) }, "text", "1531 znaků, nejvýše 1530" },
        { "only a zero-width space", Good with { Text = "\u200B" }, "text", "nic viditelného" },
        { "only NUL and whitespace", Good with { Text = "\0 \0\n" }, "text", "nic viditelného" },
        { "only bidi overrides and isolates", Good with { Text = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069" }, "text", "nic viditelného" },
        { "only invisible letters and marks", Good with { Text = "\u3164\u2800\u115F \u0301\u00AD\uFEFF\u2060\u180E" }, "text", "nic viditelného" },
        { "only an unpaired surrogate", Good with { Text = "\uD800" }, "text", "nic viditelného" },
        { "11 UCS-2 segments", Good with { Text = new string('č', 67 * 10 + 1) }, "text", "nebo ho pošlete bez diakritiky" },
        { "no package", Good with { PackageId = null }, "packageId", "Vyberte balíček zpráv" },
        { "package 5", Good with { PackageId = 5 }, "packageId", "Balíček 5 „Vše“ volí odběratelé" },
        { "package 0", Good with { PackageId = 0 }, "packageId", "Balíček zpráv 0 neexistuje" },
        { "package 9", Good with { PackageId = 9 }, "packageId", "Balíček zpráv 9 neexistuje" },
        { "unknown city part", Good with { CityPartIds = [1, 99] }, "cityPartIds", "Část obce s id 99 neexistuje" },
        { "unknown or retired street", Good with { StreetIds = [77] }, "streetIds", "Ulice s id 77 neexistuje nebo už není platná" },
        { "unknown diacritics choice", Good with { Diacritics = "remove" }, "diacritics", "„transliterate“" },
        { "time in the past", Good with { Schedule = new("2026-11-27T08:55:00Z") }, "schedule.sendAt", "Čas odeslání je v minulosti" },
        { "time past the horizon", Good with { Schedule = new("2027-11-28T09:00:00Z") }, "schedule.sendAt", "nejvýše 365 dní dopředu" },
        { "time near year 9999", Good with { Schedule = new("9999-12-31T22:00:00+01:00") }, "schedule.sendAt", "nejvýše 365 dní dopředu" },
        { "local time near year 9999", Good with { Schedule = new("9999-12-31T23:59:59") }, "schedule.sendAt", "nejvýše 365 dní dopředu" },
        { "local time in year 1", Good with { Schedule = new("0001-01-01T00:00:00") }, "schedule.sendAt", "v minulosti" },
        { "a Prague time skipped in spring", Good with { Schedule = new("2027-03-28T02:30") }, "schedule.sendAt", "2:30 dne 28. 3. 2027 v místním čase neexistuje" },
        { "time not ISO", Good with { Schedule = new("1. 12. 2026 8:00") }, "schedule.sendAt", "ISO 8601" },
        { "unknown source", Good with { Source = new("email") }, "source.kind", "Zdroj kampaně je" },
        { "content without key", Good with { Source = new("content", null, "https://www.studenka.cz/akce/1") }, "source.contentKey", "Chybí klíč stránky" },
        { "content with empty key", Good with { Source = new("content", Guid.Empty, "https://www.studenka.cz/akce/1") }, "source.contentKey", "Chybí klíč stránky" },
        { "content without URL", Good with { Source = new("content", Guid.NewGuid(), null) }, "source.contentUrl", "Chybí adresa stránky" },
        { "content with relative URL", Good with { Source = new("content", Guid.NewGuid(), "/akce/1") }, "source.contentUrl", "musí být úplná a začínat http:// nebo https://" },
        { "content with ftp URL", Good with { Source = new("content", Guid.NewGuid(), "ftp://studenka.cz/a") }, "source.contentUrl", "začínat http:// nebo https://" },
        { "content with javascript URL", Good with { Source = new("content", Guid.NewGuid(), "javascript:alert(1)") }, "source.contentUrl", "začínat http:// nebo https://" },
        { "content with over-long URL", Good with { Source = new("content", Guid.NewGuid(), "https://studenka.cz/" + new string('a', 2040)) }, "source.contentUrl", "příliš dlouhá" },
        { "12-letter originator", Good with { Originator = "MPStudenkaXY" }, "originator", "Odesílatel smí mít nejvýše 11 písmen bez diakritiky (A–Z) a číslic" },
        { "18-digit originator", Good with { Originator = "+" + new string('1', 18) }, "originator", "telefonní číslo do 17 číslic" },
        { "originator with a symbol", Good with { Originator = "MP-Studenka" }, "originator", "Odesílatel smí mít" },
        { "originator with diacritics", Good with { Originator = "Studénka" }, "originator", "písmen bez diakritiky (A–Z)" },
        { "originator with two spaces", Good with { Originator = "MP  Studenka" }, "originator", "slova oddělená jednou mezerou" },
        { "originator with a trailing newline", Good with { Originator = "Studenka\n" }, "originator", "Odesílatel smí mít" },
    };

    [Theory]
    [InlineData("MP Studenka")]
    [InlineData("MPStudenka1")]
    [InlineData("+420601123456")]
    [InlineData("12345678901234567")]
    public void A_valid_originator_is_kept_as_the_campaigns_sender(string originator)
    {
        var (campaign, errors) = Validate(Good with { Originator = originator });

        Assert.Empty(errors);
        Assert.Equal(originator, campaign!.Originator);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_originator_means_the_configured_default(string? originator)
    {
        var (campaign, errors) = Validate(Good with { Originator = originator });

        Assert.Empty(errors);
        Assert.Null(campaign!.Originator);
    }

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public void A_bad_campaign_is_refused_with_a_Czech_message_on_its_field(string because, CampaignDraft draft, string field, string message)
    {
        var (campaign, errors) = Validate(draft);

        Assert.Null(campaign);
        Assert.True(errors.ContainsKey(field), $"{because}: expected an error on '{field}', got: {string.Join("; ", errors.Keys)}");
        Assert.Contains(message, errors[field], StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_campaign_passes_with_its_sent_text_and_audience()
    {
        var (campaign, errors) = Validate(Good with { Diacritics = "transliterate", CityPartIds = [1, 1], Schedule = new(null) });

        Assert.Empty(errors);
        Assert.NotNull(campaign);
        Assert.Equal("Zitra od 8 do 12 h nepotece voda v ulici Postovni.", campaign.Sms.SentText);
        Assert.Equal(SmsEncoding.Gsm7, campaign.Sms.Count.Encoding);
        Assert.Equal([1L], campaign.Audience.CityPartIds);
        Assert.True(campaign.Scheduled);
        Assert.Null(campaign.RequestedAt);
    }

    [Fact]
    public void Exactly_ten_segments_are_still_accepted()
    {
        var (_, errors) = Validate(Good with { Text = new string('a', 153 * 10) });

        Assert.Empty(errors);
    }

    [Fact]
    public void A_time_a_few_seconds_ago_is_accepted_as_clock_skew()
    {
        var (campaign, errors) = Validate(Good with { Schedule = new(Iso(Now.AddSeconds(-30))) });

        Assert.Empty(errors);
        Assert.Equal(Now.AddSeconds(-30), campaign!.RequestedAt);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var (_, errors) = Validate(new CampaignDraft(5, [99], [77], "", "x", new(Iso(Now.AddDays(-1))), new("content")));

        Assert.Equal(
            ["cityPartIds", "diacritics", "packageId", "schedule.sendAt", "source.contentKey", "source.contentUrl", "streetIds", "text"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NUL_bidi_overrides_and_zero_width_characters_are_stripped_from_the_text_that_is_stored_and_sent()
    {
        var (campaign, errors) = Validate(Good with { Text = "\u202EZítra\0 od 8\u200B do 12 h\u2066 nepoteče\u2069 voda.\uFEFF\nVodárny" });

        Assert.Empty(errors);
        Assert.Equal("Zítra od 8 do 12 h nepoteče voda.\nVodárny", campaign!.Text);
        Assert.Equal(campaign.Text, campaign.Sms.SentText);
    }

    [Fact]
    public void An_emoji_held_together_by_zero_width_joiners_is_kept_whole()
    {
        var (campaign, errors) = Validate(Good with { Text = "Rodinný den 👨\u200D👩\u200D👧 v parku" });

        Assert.Empty(errors);
        Assert.Equal("Rodinný den 👨\u200D👩\u200D👧 v parku", campaign!.Text);
    }

    [Fact]
    public void A_text_of_twenty_megabytes_is_refused_by_its_length_without_being_segmented()
    {
        var text = new string('ž', 20 * 1024 * 1024);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (_, errors) = Validate(Good with { Text = text, Diacritics = "transliterate" });

        watch.Stop();
        Assert.Contains("20971520 znaků, nejvýše 1530", errors["text"], StringComparison.Ordinal);
        // Segmenting and transliterating it took about 10 s; the length check is a comparison.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"refusing took {watch.Elapsed}");
    }

    private static string Iso(DateTimeOffset instant) => instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
