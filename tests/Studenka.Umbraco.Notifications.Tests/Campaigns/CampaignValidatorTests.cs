using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Campaigns;

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

    private static (ValidCampaign? Campaign, IReadOnlyDictionary<string, string> Errors) Validate(CampaignDraft draft) =>
        CampaignValidator.Validate(draft, Areas, new CampaignOptions(), Now);

    public static TheoryData<string, CampaignDraft, string, string> BadDrafts => new()
    {
        { "no text", Good with { Text = null }, "text", "Text zprávy je prázdný" },
        { "blank text", Good with { Text = "  \n " }, "text", "Text zprávy je prázdný" },
        { "11 GSM segments", Good with { Text = new string('a', 153 * 10 + 1) }, "text", "11 SMS na příjemce, povoleno nejvýše 10" },
        { "11 UCS-2 segments", Good with { Text = new string('č', 67 * 10 + 1) }, "text", "nebo ho pošlete bez diakritiky" },
        { "no package", Good with { PackageId = null }, "packageId", "Vyberte balíček zpráv" },
        { "package 5", Good with { PackageId = 5 }, "packageId", "Balíček 5 „Vše“ volí odběratelé" },
        { "package 0", Good with { PackageId = 0 }, "packageId", "Balíček zpráv 0 neexistuje" },
        { "package 9", Good with { PackageId = 9 }, "packageId", "Balíček zpráv 9 neexistuje" },
        { "unknown city part", Good with { CityPartIds = [1, 99] }, "cityPartIds", "Část obce s id 99 neexistuje" },
        { "unknown or retired street", Good with { StreetIds = [77] }, "streetIds", "Ulice s id 77 neexistuje nebo už není platná" },
        { "unknown diacritics choice", Good with { Diacritics = "remove" }, "diacritics", "„transliterate“" },
        { "time in the past", Good with { Schedule = new(Now.AddMinutes(-5)) }, "schedule.sendAt", "Čas odeslání je v minulosti" },
        { "unknown source", Good with { Source = new("email") }, "source.kind", "Zdroj kampaně je" },
        { "content without key", Good with { Source = new("content", null, "https://www.studenka.cz/akce/1") }, "source.contentKey", "Chybí klíč stránky" },
        { "content with empty key", Good with { Source = new("content", Guid.Empty, "https://www.studenka.cz/akce/1") }, "source.contentKey", "Chybí klíč stránky" },
        { "content without URL", Good with { Source = new("content", Guid.NewGuid(), null) }, "source.contentUrl", "Chybí adresa stránky" },
        { "content with relative URL", Good with { Source = new("content", Guid.NewGuid(), "/akce/1") }, "source.contentUrl", "musí být úplná a začínat http:// nebo https://" },
        { "content with ftp URL", Good with { Source = new("content", Guid.NewGuid(), "ftp://studenka.cz/a") }, "source.contentUrl", "začínat http:// nebo https://" },
        { "content with javascript URL", Good with { Source = new("content", Guid.NewGuid(), "javascript:alert(1)") }, "source.contentUrl", "začínat http:// nebo https://" },
        { "content with over-long URL", Good with { Source = new("content", Guid.NewGuid(), "https://studenka.cz/" + new string('a', 2040)) }, "source.contentUrl", "příliš dlouhá" },
        { "12-letter originator", Good with { Originator = "MPStudenkaXY" }, "originator", "Odesílatel smí mít nejvýše 11 písmen a číslic" },
        { "18-digit originator", Good with { Originator = "+" + new string('1', 18) }, "originator", "telefonní číslo do 17 číslic" },
        { "originator with a symbol", Good with { Originator = "MP-Studenka" }, "originator", "Odesílatel smí mít" },
        { "originator with diacritics", Good with { Originator = "Studénka" }, "originator", "Odesílatel smí mít" },
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
        var (campaign, errors) = Validate(Good with { Schedule = new(Now.AddSeconds(-30)) });

        Assert.Empty(errors);
        Assert.Equal(Now.AddSeconds(-30), campaign!.RequestedAt);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var (_, errors) = Validate(new CampaignDraft(5, [99], [77], "", "x", new(Now.AddDays(-1)), new("content")));

        Assert.Equal(
            ["cityPartIds", "diacritics", "packageId", "schedule.sendAt", "source.contentKey", "source.contentUrl", "streetIds", "text"],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}
