using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class SubscriptionValidatorTests
{
    private const long Butovice = 1;
    private const long StudenkaPart = 2;
    private const long NovaHorka = 3;
    private const long Butovicka = 10;
    private const long Nadrazni = 11;
    private const long Pozarnicka = 20;

    private static readonly AreaCatalog Catalog = new(
    [
        new(new CityPart(Butovice, 158453, "Butovice"), [new(Butovicka, Butovice, "Butovická"), new(Nadrazni, Butovice, "Nádražní")]),
        new(new CityPart(NovaHorka, 311, "Nová Horka"), []),
        new(new CityPart(StudenkaPart, 413658, "Studénka"), [new(Pozarnicka, StudenkaPart, "Požárnická")]),
    ]);

    private static SubscriptionInput Input(params AddressInput[] addresses) =>
        new("603 123 456", "Jana Nováková", "jana@example.cz", addresses, [2], Consent: true);

    private static (SubscriptionDetails? Details, IReadOnlyList<FieldError> Errors) Validate(SubscriptionInput input, bool requireConsent = true) =>
        SubscriptionValidator.Validate(input, Catalog, requireConsent);

    [Fact]
    public void A_complete_sign_up_is_accepted_with_its_address_and_packages()
    {
        var (details, errors) = Validate(Input(new AddressInput(Butovice, Butovicka, "762")));

        Assert.Empty(errors);
        Assert.NotNull(details);
        Assert.Equal("Jana Nováková", details.Name);
        Assert.Equal([new ValidatedAddress(1, Butovice, Butovicka, "762")], details.Addresses);
        Assert.Equal([2], details.Packages);
    }

    [Fact]
    public void A_part_with_streets_requires_a_street()
    {
        var (details, errors) = Validate(Input(new AddressInput(Butovice, null, "762")));

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Addresses[0].StreetId", error.Field);
        Assert.Contains("Butovice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nova_Horka_is_accepted_without_a_street()
    {
        var (details, errors) = Validate(Input(new AddressInput(NovaHorka, null, "15")));

        Assert.Empty(errors);
        Assert.Equal([new ValidatedAddress(1, NovaHorka, null, "15")], details!.Addresses);
    }

    [Fact]
    public void Nova_Horka_refuses_a_street_because_it_has_none()
    {
        var (_, errors) = Validate(Input(new AddressInput(NovaHorka, Butovicka, null)));

        var error = Assert.Single(errors);
        Assert.Equal("Addresses[0].StreetId", error.Field);
        Assert.Contains("nemá ulice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_of_another_part_is_refused()
    {
        var (details, errors) = Validate(Input(new AddressInput(StudenkaPart, Butovicka, null)));

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Addresses[0].StreetId", error.Field);
        Assert.Contains("neleží v části Studénka", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_part_is_refused()
    {
        var (_, errors) = Validate(Input(new AddressInput(999, null, null)));

        Assert.Equal("Addresses[0].PartId", Assert.Single(errors).Field);
    }

    [Fact]
    public void Four_addresses_are_refused_because_three_is_the_limit()
    {
        var (details, errors) = Validate(Input(
            new AddressInput(Butovice, Butovicka, null),
            new AddressInput(Butovice, Nadrazni, null),
            new AddressInput(StudenkaPart, Pozarnicka, null),
            new AddressInput(NovaHorka, null, null)));

        Assert.Null(details);
        Assert.Equal("Addresses", Assert.Single(errors).Field);
    }

    [Fact]
    public void Empty_address_slots_are_skipped_and_the_rest_renumbered_from_one()
    {
        var (details, errors) = Validate(Input(
            new AddressInput(null, null, "  "),
            new AddressInput(StudenkaPart, Pozarnicka, " 1234/5a "),
            new AddressInput(null, null, null)));

        Assert.Empty(errors);
        Assert.Equal([new ValidatedAddress(1, StudenkaPart, Pozarnicka, "1234/5a")], details!.Addresses);
    }

    [Fact]
    public void Only_empty_address_slots_ask_for_at_least_one_address()
    {
        var (_, errors) = Validate(Input(new AddressInput(null, null, null)));

        Assert.Equal("Addresses[0].PartId", Assert.Single(errors).Field);
    }

    [Fact]
    public void The_same_address_twice_is_refused()
    {
        var (_, errors) = Validate(Input(new AddressInput(Butovice, Butovicka, "762"), new AddressInput(Butovice, Butovicka, "762")));

        Assert.Equal("Addresses[1].PartId", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12-14")]
    [InlineData("123456")]
    [InlineData("12/")]
    public void A_house_number_not_written_as_762_or_1234_5a_is_refused(string houseNumber)
    {
        var (_, errors) = Validate(Input(new AddressInput(Butovice, Butovicka, houseNumber)));

        Assert.Equal("Addresses[0].HouseNumber", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Jana <b>")]
    [InlineData("Jana1")]
    public void A_name_with_markup_or_digits_is_refused(string name)
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Name = name };

        var (details, errors) = Validate(input);

        Assert.Null(details);
        Assert.Equal("Name", Assert.Single(errors).Field);
    }

    [Fact]
    public void A_Czech_name_with_diacritics_hyphen_and_apostrophe_is_accepted()
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Name = "Žofie Nováková-O'Brien" };

        Assert.Empty(Validate(input).Errors);
    }

    [Theory]
    [InlineData("Žofie Nováková-O\u2019Brien")]
    [InlineData("Z\u030Cofie Nova\u0301kova\u0301-O'Brien")]
    public void A_name_typed_on_a_phone_or_pasted_is_accepted_and_stored_in_one_form(string typed)
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Name = typed };

        var (details, errors) = Validate(input);

        Assert.Empty(errors);
        Assert.Equal("Žofie Nováková-O'Brien", details!.Name);
    }

    [Fact]
    public void An_email_with_markup_is_refused_but_an_empty_one_is_fine()
    {
        var bad = Input(new AddressInput(Butovice, Butovicka, null)) with { Email = "a@b.cz<script>" };
        var empty = Input(new AddressInput(Butovice, Butovicka, null)) with { Email = "  " };

        Assert.Equal("Email", Assert.Single(Validate(bad).Errors).Field);
        Assert.Null(Validate(empty).Details!.Email);
    }

    [Fact]
    public void Sign_up_without_consent_is_refused()
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Consent = false };

        var (details, errors) = Validate(input, requireConsent: true);

        Assert.Null(details);
        Assert.Equal("Consent", Assert.Single(errors).Field);
    }

    [Fact]
    public void Editing_an_existing_subscription_does_not_ask_for_consent_again()
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Consent = false };

        var (details, errors) = Validate(input, requireConsent: false);

        Assert.Empty(errors);
        Assert.NotNull(details);
    }

    [Fact]
    public void No_package_chosen_is_refused()
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Packages = [] };

        Assert.Equal("Packages", Assert.Single(Validate(input).Errors).Field);
    }

    [Fact]
    public void An_unknown_package_is_refused()
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Packages = [2, 6] };

        Assert.Equal("Packages", Assert.Single(Validate(input).Errors).Field);
    }

    [Fact]
    public void Choosing_everything_with_other_packages_stores_only_everything()
    {
        var input = Input(new AddressInput(Butovice, Butovicka, null)) with { Packages = [1, 5, 2] };

        Assert.Equal([TopicPackages.Everything], Validate(input).Details!.Packages);
    }

    [Theory]
    [InlineData("12a", "č. o. 12a")]
    [InlineData("č.p. 12", "č. p. 12")]
    [InlineData("č. ev. 5", "č. ev. 5")]
    [InlineData("ev.č.5", "č. ev. 5")]
    [InlineData("1234 / 5A", "1234/5a")]
    public void Czech_house_numbers_are_accepted_and_stored_in_one_form(string typed, string stored)
    {
        var (details, errors) = Validate(Input(new AddressInput(Butovice, Butovicka, typed)));

        Assert.Empty(errors);
        var address = Assert.Single(details!.Addresses);
        Assert.Equal(stored, address.HouseNumber);
        Assert.Equal(stored, address.House!.Canonical);
    }

    [Fact]
    public void A_house_number_that_is_garbage_gets_a_czech_error_with_examples()
    {
        var (_, errors) = Validate(Input(new AddressInput(Butovice, Butovicka, "dvanáct")));

        var error = Assert.Single(errors);
        Assert.Equal("Addresses[0].HouseNumber", error.Field);
        Assert.Contains("č. ev. 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("1234/5a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_missing_from_the_list_is_accepted_as_text_for_its_city_part()
    {
        var (details, errors) = Validate(Input(new AddressInput(Butovice, null, "7", StreetMissing: true, StreetName: "  Nová   ulice ")));

        Assert.Empty(errors);
        Assert.Equal([new ValidatedAddress(1, Butovice, null, "7", "Nová ulice")], details!.Addresses);
    }

    [Fact]
    public void A_typed_name_the_list_has_becomes_that_street()
    {
        var (details, _) = Validate(Input(new AddressInput(Butovice, null, null, StreetMissing: true, StreetName: "nadrazni")));

        Assert.Equal([new ValidatedAddress(1, Butovice, Nadrazni, null)], details!.Addresses);
    }

    [Fact]
    public void A_typed_name_without_the_box_ticked_counts_when_no_street_was_chosen()
    {
        var (details, errors) = Validate(Input(new AddressInput(StudenkaPart, null, null, StreetName: "K Lesu")));

        Assert.Empty(errors);
        Assert.Equal("K Lesu", Assert.Single(details!.Addresses).StreetText);
    }

    [Theory]
    [InlineData(true, null, "napište název ulice")]
    [InlineData(true, "x", "nejvýše|písmena")]
    [InlineData(true, "1234", "písmena")]
    [InlineData(true, "<script>", "písmena")]
    [InlineData(true, "Ulice\u200B", "písmena")]
    public void A_missing_street_needs_a_real_name(bool ticked, string? name, string expected)
    {
        var (details, errors) = Validate(Input(new AddressInput(Butovice, null, null, ticked, name is null ? null : System.Text.RegularExpressions.Regex.Unescape(name))));

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Addresses[0].StreetName", error.Field);
        Assert.Matches(expected, error.Message);
    }

    [Fact]
    public void A_missing_street_over_sixty_characters_is_refused()
    {
        var (_, errors) = Validate(Input(new AddressInput(Butovice, null, null, true, new string('a', 61))));

        Assert.Contains("nejvýše 60 znaků", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_street_and_typing_one_is_refused_as_ambiguous()
    {
        var (_, errors) = Validate(Input(new AddressInput(Butovice, Butovicka, null, StreetMissing: true, StreetName: "Nová")));

        Assert.Contains("ne obojí", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_without_streets_takes_no_typed_street()
    {
        var (_, errors) = Validate(Input(new AddressInput(NovaHorka, null, null, StreetMissing: true, StreetName: "Nová")));

        Assert.Contains("nemá ulice", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_street_choice_says_how_to_go_on()
    {
        var (_, errors) = Validate(Input(new AddressInput(Butovice, null, null)));

        Assert.Contains("Moje ulice v seznamu chybí", Assert.Single(errors).Message, StringComparison.Ordinal);
    }
}
