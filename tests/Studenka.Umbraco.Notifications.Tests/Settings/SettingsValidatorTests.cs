using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Settings;

namespace Studenka.Umbraco.Notifications.Tests.Settings;

public sealed class SettingsValidatorTests
{
    [Fact]
    public void Quiet_hours_need_real_times_of_packages_2_to_4_once_each()
    {
        var (value, errors) = SettingsValidator.QuietHours(new([
            new(1, "21:00", "07:00"), new(2, "25:00", "07:00"), new(3, "21:00", "21:00"), new(4, "22:00", "06:00"), new(4, "20:00", "06:00")]));

        Assert.Null(value);
        Assert.Equal("Krizové zprávy (balíček 1) nesmějí čekat na konec nočního klidu.", errors["quietHours[0].packageId"]);
        Assert.Equal("Začátek nočního klidu zadejte jako čas HH:mm, např. 21:00.", errors["quietHours[1].start"]);
        Assert.Equal("Konec nočního klidu musí být jiný než začátek.", errors["quietHours[2].end"]);
        Assert.Equal("Balíček 4 je v seznamu dvakrát.", errors["quietHours[4].packageId"]);
        Assert.False(errors.ContainsKey("quietHours[3].packageId"));
    }

    [Fact]
    public void Valid_quiet_hours_come_back_trimmed_and_ordered()
    {
        var (value, errors) = SettingsValidator.QuietHours(new([new(4, " 22:00", "06:00 "), new(2, "21:30", "07:00")]));

        Assert.Empty(errors);
        Assert.Equal([new QuietWindow(2, "21:30", "07:00"), new QuietWindow(4, "22:00", "06:00")], value);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    [InlineData(0.12345)]
    public void A_price_outside_0_to_100_or_finer_than_four_places_is_refused(double price) =>
        Assert.Contains("pricePerSegmentCzk", SettingsValidator.Price(new((decimal)price)).Errors.Keys);

    [Fact]
    public void Senders_follow_the_originator_rule_and_null_means_any()
    {
        var (value, errors) = SettingsValidator.Originators(new(null, ["Studenka", " MP Studenka "], ["Hasiči"]));

        Assert.Null(value);
        Assert.Single(errors);
        Assert.StartsWith("Odesílatel: nejvýše 11 písmen bez diakritiky", errors["dispatch[0]"], StringComparison.Ordinal);
        var ok = SettingsValidator.Originators(new(null, ["Studenka", " MP Studenka "], []));
        Assert.Equal(new RoleOriginators(null, ["Studenka", "MP Studenka"], []).Editor, ok.Value!.Editor);
        Assert.Null(ok.Value.Administrator);
    }

    [Fact]
    public void Templates_need_a_unique_key_a_name_a_package_and_a_text_that_fits()
    {
        var (value, errors) = SettingsValidator.Templates(new([
            new("povoden", "Povodeň", 1, "Text"), new("povoden", "", 5, new string('a', 1531)), new("Velké Písmeno", "X", 2, "Y")]), maxSegments: 10);

        Assert.Null(value);
        Assert.Equal("Klíč povoden má víc šablon.", errors["templates[1].key"]);
        Assert.Equal("Název šablony: vyplňte 1 až 60 znaků.", errors["templates[1].name"]);
        Assert.Equal("Šablona patří k jednomu z balíčků 1 až 4.", errors["templates[1].package"]);
        Assert.Equal("Text šablony musí mít 1 až 1530 znaků.", errors["templates[1].text"]);
        Assert.Contains("templates[2].key", errors.Keys);
    }

    [Fact]
    public void Privacy_texts_need_the_controller_a_valid_ico_and_e_mail()
    {
        var (value, errors) = SettingsValidator.Privacy(new("Město Studénka", "1234567", "nám. Republiky 762", "podatelna", null, "ABC", null, "x@", "MessageBird", "Účel"));

        Assert.Null(value);
        Assert.Equal(["contactEmail", "controllerIco", "dataBox", "dpoEmail"], errors.Keys.Order(StringComparer.Ordinal));
        var ok = SettingsValidator.Privacy(new("Město Studénka", "00298468", "nám. Republiky 762", "podatelna@studenka.cz", " ", "abc1234", null, null, "MessageBird", "Účel"));
        Assert.Empty(ok.Errors);
        Assert.Null(ok.Value!.ContactPhone);
    }
}
