using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class SmsTextsTests
{
    // GSM 03.38 basic character set, printable ASCII part: anything else makes the SMS UCS-2 or costs an escape.
    private const string GsmSafe = " !\"#%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$_";

    private const string LongSignUpUrl = "https://www.studenka.cz/obcan/sms-zpravy-mesta/prihlaseni-k-odberu";

    private static SmsTexts Texts(string townName = "Studénka", string? signUpUrl = LongSignUpUrl) =>
        new(Options.Create(new SmsOptions { TownName = townName }), Options.Create(new SubscriptionOptions()), new PublicUrls(Options.Create(new WebOptions { PublicSignUpUrl = signUpUrl })));

    public static TheoryData<string, string> AllTexts()
    {
        var texts = Texts();
        return new TheoryData<string, string>
        {
            { "signup", texts.SignupCode("042817") },
            { "manage", texts.ManageCode("042817") },
            { "cancelled", texts.Cancelled() },
            // A realistic long address still leaves the START reply in one segment.
            { "sign-up link", texts.SignUpLink(LongSignUpUrl) },
            { "already subscribed", texts.AlreadySubscribed("123456") },
            { "not subscribed", texts.NotSubscribed() },
            { "already subscribed, no link configured", Texts(signUpUrl: null).AlreadySubscribed("123456") },
            { "not subscribed, no link configured", Texts(signUpUrl: null).NotSubscribed() },
        };
    }

    [Theory]
    [MemberData(nameof(AllTexts))]
    public void Every_text_fits_one_plain_GSM_SMS_even_for_Studenka_with_an_accent(string kind, string text)
    {
        var unsafeChars = text.Where(c => !GsmSafe.Contains(c, StringComparison.Ordinal)).Distinct().ToArray();

        Assert.True(unsafeChars.Length == 0, $"{kind}: '{new string(unsafeChars)}' in \"{text}\"");
        Assert.StartsWith("Studenka SMS:", text, StringComparison.Ordinal);
        Assert.True(text.Length <= 160, $"{kind}: {text.Length} characters is more than one SMS");
    }

    [Fact]
    public void The_sign_up_text_contains_the_code_and_its_validity()
    {
        var text = Texts().SignupCode("042817");

        Assert.Contains("042817", text, StringComparison.Ordinal);
        Assert.Contains("10 minut", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manage_text_contains_the_code()
    {
        Assert.Contains("042817", Texts().ManageCode("042817"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Studénka", "Studenka")]
    [InlineData("Frýdlant nad Ostravicí", "Frydlant nad Ostravici")]
    [InlineData("Kopřivnice", "Koprivnice")]
    [InlineData("Žďár nad Sázavou", "Zdar nad Sazavou")]
    [InlineData("Ústí nad Labem", "Usti nad Labem")]
    public void Czech_town_names_lose_their_diacritics(string town, string expected)
    {
        Assert.Equal(expected, SmsTexts.StripDiacritics(town));
        Assert.StartsWith(expected + " SMS:", Texts(town).Cancelled(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_notices_that_replace_a_code_link_to_the_configured_site_and_only_the_subscribers_carries_a_code()
    {
        var already = Texts().AlreadySubscribed("482913");
        var not = Texts().NotSubscribed();

        Assert.Contains("https://www.studenka.cz/sms/sprava", already, StringComparison.Ordinal);
        Assert.Contains("Kod 482913 zadejte", already, StringComparison.Ordinal);
        Assert.Contains(LongSignUpUrl, not, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]{6}", not);
    }

    [Fact]
    public void With_only_the_public_base_url_configured_the_notices_still_link_to_the_town_site()
    {
        var texts = new SmsTexts(Options.Create(new SmsOptions()), Options.Create(new SubscriptionOptions()),
            new PublicUrls(Options.Create(new WebOptions { PublicBaseUrl = new Uri("https://www.studenka.cz") })));

        Assert.Contains("na https://www.studenka.cz/sms/sprava", texts.AlreadySubscribed("123456"), StringComparison.Ordinal);
        Assert.Contains("na https://www.studenka.cz/sms.", texts.NotSubscribed(), StringComparison.Ordinal);
    }
}
