using Microsoft.Extensions.Options;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.ResidentPages;

/// <summary>The privacy page carries what GDPR Art. 13 requires, from <c>Studenka:Privacy</c>.</summary>
public sealed class PrivacyPageTests
{
    [Fact]
    public async Task Without_settings_the_page_names_Studenka_town_office_and_everything_Article_13_asks_for()
    {
        using var site = new StudenkaSiteFactory();

        var text = await new ResidentClient(site).PageTextAsync("/sms/ochrana-udaju");

        string[] expected =
        [
            // controller and contact
            "Město Studénka", "IČO 00298468", "nám. Republiky 762, 742 13 Studénka", "podatelna@studenka.cz",
            "Pověřenec pro ochranu osobních údajů",
            // purposes, legal basis, recipients, retention
            "SMS zprávy", "E-mail", "čl. 6 odst. 1 písm. a)", "MessageBird", "zpracovatel", "do zrušení odběru", "anonymní",
            // rights
            "přístup", "opravu", "výmaz", "omezení zpracování", "přenositelnost", "odvolat", "kdykoli",
            "Úřad pro ochranu osobních údajů", "Pplk. Sochora 27, 170 00 Praha 7", "www.uoou.gov.cz",
            // version the consent refers to
            "2026-11",
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_town_sets_its_own_controller_contacts_and_processor_in_configuration()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            ["Studenka:Privacy:ControllerName"] = "Obec Horní Dolní",
            ["Studenka:Privacy:ControllerIco"] = "12345678",
            ["Studenka:Privacy:ControllerAddress"] = "Náves 1, 123 45 Horní Dolní",
            ["Studenka:Privacy:ContactEmail"] = "obec@hornidolni.cz",
            ["Studenka:Privacy:ContactPhone"] = "+420 555 123 456",
            ["Studenka:Privacy:DataBox"] = "abc1234",
            ["Studenka:Privacy:DpoName"] = "Mgr. Petra Pověřená",
            ["Studenka:Privacy:DpoEmail"] = "poverenec@hornidolni.cz",
            ["Studenka:Privacy:SmsProcessor"] = "Rozesílač SMS s.r.o., Brno",
            ["Studenka:Privacy:EmailPurpose"] = "E-mailem posíláme i měsíční zpravodaj obce.",
        });

        var page = await new ResidentClient(site).PageTextAsync("/sms/ochrana-udaju");

        // The Site's own header and footer name Studénka; the privacy text itself must not.
        var text = page[page.IndexOf("<main", StringComparison.Ordinal)..page.IndexOf("</main>", StringComparison.Ordinal)];
        string[] expected =
        [
            "Obec Horní Dolní", "IČO 12345678", "Náves 1, 123 45 Horní Dolní", "obec@hornidolni.cz", "+420 555 123 456",
            "abc1234", "Mgr. Petra Pověřená", "poverenec@hornidolni.cz", "Rozesílač SMS s.r.o., Brno",
            "E-mailem posíláme i měsíční zpravodaj obce.",
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        Assert.DoesNotContain("Město Studénka", text, StringComparison.Ordinal);
        Assert.DoesNotContain("00298468", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MessageBird", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ControllerIco", "123")]
    [InlineData("ContactEmail", "not-an-address")]
    [InlineData("ControllerName", "")]
    public void A_wrong_privacy_setting_stops_the_start_and_names_the_setting(string key, string value)
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Privacy:" + key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => site.Services);

        Assert.Contains("Studenka:Privacy:" + key, error.Message, StringComparison.Ordinal);
    }
}
