using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class PhoneNumberNormalizerTests
{
    private static PhoneNumberNormalizer Normalizer(Action<SubscriptionOptions>? configure = null)
    {
        var options = new SubscriptionOptions();
        configure?.Invoke(options);
        return new PhoneNumberNormalizer(Options.Create(options));
    }

    [Theory]
    [InlineData("603 123 456")]
    [InlineData("603123456")]
    [InlineData("+420603123456")]
    [InlineData("+420 603 123 456")]
    [InlineData("00420 603 123 456")]
    [InlineData("  603-123-456 ")]
    public void A_Czech_mobile_number_typed_in_any_common_way_becomes_the_same_E164(string typed)
    {
        var result = Normalizer().Normalize(typed);

        Assert.Null(result.Error);
        Assert.True(result.IsValid);
        Assert.Equal("+420603123456", result.E164);
    }

    [Fact]
    public void A_Czech_landline_is_refused_because_it_cannot_receive_the_code()
    {
        var result = Normalizer().Normalize("224 123 456");

        Assert.False(result.IsValid);
        Assert.Equal(PhoneNumberNormalizer.NotMobileMessage, result.Error);
    }

    [Fact]
    public void A_landline_is_accepted_when_the_town_does_not_require_mobiles()
    {
        var result = Normalizer(o => o.RequireMobile = false).Normalize("224 123 456");

        Assert.Equal("+420224123456", result.E164);
    }

    [Fact]
    public void A_Slovak_mobile_is_refused_with_the_Czech_numbers_only_message()
    {
        var result = Normalizer().Normalize("+421 903 123 456");

        Assert.False(result.IsValid);
        Assert.Equal(PhoneNumberNormalizer.ForeignMessage, result.Error);
    }

    [Fact]
    public void A_Slovak_mobile_is_accepted_when_Slovakia_is_an_allowed_region()
    {
        var result = Normalizer(o => o.AllowedRegions = ["CZ", "SK"]).Normalize("+421 903 123 456");

        Assert.Equal("+421903123456", result.E164);
    }

    [Fact]
    public void Czech_numbers_typed_without_prefix_stay_Czech_when_Slovakia_is_also_allowed()
    {
        var result = Normalizer(o => o.AllowedRegions = ["CZ", "SK"]).Normalize("603 123 456");

        Assert.Equal("+420603123456", result.E164);
    }

    [Theory]
    [InlineData("60312")]
    [InlineData("603 123 4567 89")]
    [InlineData("telefon")]
    [InlineData("+420")]
    public void Something_that_is_not_a_phone_number_is_refused_with_an_example_of_a_good_one(string typed)
    {
        var result = Normalizer().Normalize(typed);

        Assert.False(result.IsValid);
        Assert.Null(result.E164);
        Assert.Equal(PhoneNumberNormalizer.InvalidMessage, result.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_field_asks_for_a_phone_number(string? typed)
    {
        var result = Normalizer().Normalize(typed);

        Assert.False(result.IsValid);
        Assert.Equal("Zadejte telefonní číslo.", result.Error);
    }

    [Fact]
    public void An_input_longer_than_30_characters_is_refused_even_if_it_holds_a_valid_number()
    {
        var typed = "+420 603 123 456".PadRight(31);
        Assert.Equal(31, typed.Length);

        var result = Normalizer().Normalize(typed);

        Assert.False(result.IsValid);
        Assert.Equal(PhoneNumberNormalizer.InvalidMessage, result.Error);
    }

    [Fact]
    public void An_input_of_exactly_30_characters_is_still_read()
    {
        var typed = "+420 603 123 456".PadRight(30);

        Assert.Equal("+420603123456", Normalizer().Normalize(typed).E164);
    }

    [Fact]
    public void Display_groups_the_number_as_Czechs_write_it()
    {
        Assert.Equal("+420 603 123 456", PhoneNumberNormalizer.Display("+420603123456"));
    }

    [Fact]
    public void Display_leaves_unparseable_text_as_it_was()
    {
        Assert.Equal("nonsense", PhoneNumberNormalizer.Display("nonsense"));
    }

    [Theory]
    [InlineData("420601123456", "+420601123456")]
    [InlineData("+420601123456", "+420601123456")]
    [InlineData(" 420601123456", "+420601123456")]
    [InlineData("31612345678", "+31612345678")]
    [InlineData("0601123456", null)]
    [InlineData("42060112345612345", null)]
    [InlineData("Studenka", null)]
    [InlineData("", null)]
    public void A_number_as_MessageBird_sends_it_becomes_e164(string msisdn, string? e164) =>
        Assert.Equal(e164, PhoneNumberNormalizer.MsisdnToE164(msisdn));

    [Fact]
    public void MessageBird_digits_without_plus_normalise_like_a_typed_number() =>
        Assert.Equal("+420601123456", Normalizer().NormalizeMsisdn("420601123456").E164);
}
