using System.Globalization;
using System.Net;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>
/// Everything a resident, a bot or an attacker can post wrong: each gets a 4xx with a Czech
/// message, never a 500, and leaves the stored data exactly as it was.
/// </summary>
public sealed partial class MalformedInputTests
{
    private const string Phone = "+420603123456";

    /// <param name="Prepare">Runs before the request; returns the token for code pages.</param>
    /// <param name="Fields">The posted fields, given the site and the token from Prepare.</param>
    public sealed record Case(
        string Path,
        Func<StudenkaSiteFactory, string, List<KeyValuePair<string, string>>> Fields,
        HttpStatusCode Status,
        string Message,
        Func<ResidentClient, StudenkaSiteFactory, Task<string>>? Prepare = null,
        string? Token = "page",
        string FormPage = "/sms");

    private static List<KeyValuePair<string, string>> SignUp(StudenkaSiteFactory site, Action<List<KeyValuePair<string, string>>> change)
    {
        var fields = ResidentClient.SignUpForm(site: site);
        change(fields);
        return fields;
    }

    private static void Set(List<KeyValuePair<string, string>> fields, string key, string value)
    {
        fields.RemoveAll(f => f.Key == key);
        fields.Add(new(key, value));
    }

    private static void Remove(List<KeyValuePair<string, string>> fields, string key) => fields.RemoveAll(f => f.Key == key);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Case Form(Action<List<KeyValuePair<string, string>>> change, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new("/sms/prihlaska", (site, _) => SignUp(site, change), status, message);

    private static Case FormWithSite(Action<StudenkaSiteFactory, List<KeyValuePair<string, string>>> change, string message) =>
        new("/sms/prihlaska", (site, _) => SignUp(site, f => change(site, f)), HttpStatusCode.BadRequest, message);

    private static async Task<string> PendingSignUp(ResidentClient resident, StudenkaSiteFactory site)
    {
        var response = await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: site), "/sms");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return ResidentClient.TokenParameter(response);
    }

    private static Case Code(string? code, string message, Func<ResidentClient, StudenkaSiteFactory, string, Task>? then = null) =>
        new("/sms/overeni", (site, t) => [new("t", t), new("code", code ?? new ResidentClient(site).LatestCode(Phone))], HttpStatusCode.BadRequest, message,
            async (resident, site) =>
            {
                var t = await PendingSignUp(resident, site);
                if (then is not null)
                {
                    await then(resident, site, t);
                }

                return t;
            });

    public static readonly Dictionary<string, Case> Cases = new()
    {
        ["phone empty"] = Form(f => Set(f, "Phone", ""), "Zadejte telefonní číslo."),
        ["phone too short"] = Form(f => Set(f, "Phone", "60312345"), "Zadejte platné mobilní číslo"),
        ["phone three digits"] = Form(f => Set(f, "Phone", "123"), "Zadejte platné mobilní číslo"),
        ["phone too long"] = Form(f => Set(f, "Phone", "6031234567890"), "Zadejte platné mobilní číslo"),
        ["phone letters"] = Form(f => Set(f, "Phone", "abc def ghi"), "Zadejte platné mobilní číslo"),
        ["phone over 30 characters"] = Form(f => Set(f, "Phone", new string('6', 31)), "Zadejte platné mobilní číslo"),
        ["phone script tag"] = Form(f => Set(f, "Phone", "<script>alert(1)</script>"), "Zadejte platné mobilní číslo"),
        ["phone sql injection"] = Form(f => Set(f, "Phone", "603123456' OR 1=1 --"), "Zadejte platné mobilní číslo"),
        ["phone Slovak mobile"] = Form(f => Set(f, "Phone", "+421 903 123 456"), "jen na česká mobilní čísla"),
        ["phone British mobile"] = Form(f => Set(f, "Phone", "+44 7911 123456"), "jen na česká mobilní čísla"),
        ["phone Czech landline"] = Form(f => Set(f, "Phone", "224 123 456"), "není mobilní"),
        ["phone toll free"] = Form(f => Set(f, "Phone", "800 123 456"), "není mobilní"),
        ["no address at all"] = Form(f => { Remove(f, "Addresses[0].PartId"); Remove(f, "Addresses[0].StreetId"); Remove(f, "Addresses[0].HouseNumber"); }, "Zadejte alespoň jednu adresu"),
        ["street without a part"] = Form(f => Remove(f, "Addresses[0].PartId"), "vyberte část obce"),
        ["unknown part"] = Form(f => Set(f, "Addresses[0].PartId", "99999"), "taková část obce neexistuje"),
        ["part is not a number"] = Form(f => Set(f, "Addresses[0].PartId", "abc"), "Hodnota pole není platná"),
        ["part with streets but none chosen"] = Form(f => Remove(f, "Addresses[0].StreetId"), "vyberte ulici v části Butovice"),
        ["unknown street"] = Form(f => Set(f, "Addresses[0].StreetId", "999999"), "neleží v části Butovice"),
        ["street of another part"] = FormWithSite((site, f) => Set(f, "Addresses[0].StreetId", Id(ResidentClient.StreetId(site, "Studénka", "Požárnická"))), "neleží v části Butovice"),
        ["street in a part without streets"] = FormWithSite((site, f) => Set(f, "Addresses[0].PartId", Id(ResidentClient.PartId(site, "Nová Horka"))), "nemá ulice"),
        ["street is not a number"] = Form(f => Set(f, "Addresses[0].StreetId", "Malá strana"), "Hodnota pole není platná"),
        ["four addresses"] = FormWithSite((site, f) =>
        {
            for (var i = 1; i < 4; i++)
            {
                f.Add(new($"Addresses[{i}].PartId", Id(ResidentClient.PartId(site, "Nová Horka"))));
                f.Add(new($"Addresses[{i}].HouseNumber", Id(i)));
            }
        }, "nejvýše 3 adresy"),
        ["same address twice"] = FormWithSite((site, f) =>
        {
            f.Add(new("Addresses[1].PartId", Id(ResidentClient.PartId(site, "Butovice"))));
            f.Add(new("Addresses[1].StreetId", Id(ResidentClient.StreetId(site, "Butovice", "Malá strana"))));
            f.Add(new("Addresses[1].HouseNumber", "216"));
        }, "je stejná jako"),
        ["house number letters"] = Form(f => Set(f, "Addresses[0].HouseNumber", "abc"), "číslo domu zadejte"),
        ["house number markup"] = Form(f => Set(f, "Addresses[0].HouseNumber", "<b>1</b>"), "číslo domu zadejte"),
        ["house number too long"] = Form(f => Set(f, "Addresses[0].HouseNumber", "1234567890123"), "číslo domu zadejte"),
        ["no package"] = Form(f => Remove(f, "Packages"), "alespoň jeden balíček"),
        ["package six"] = Form(f => Set(f, "Packages", "6"), "balíček zpráv neexistuje"),
        ["package zero"] = Form(f => Set(f, "Packages", "0"), "balíček zpráv neexistuje"),
        ["package negative"] = Form(f => Set(f, "Packages", "-1"), "balíček zpráv neexistuje"),
        ["package not a number"] = Form(f => Set(f, "Packages", "vse"), "Hodnota pole není platná"),
        ["no consent"] = Form(f => Remove(f, "Consent"), "Bez souhlasu"),
        ["name too long"] = Form(f => Set(f, "Name", new string('a', 101)), "nejvýše 100 znaků"),
        ["name script tag"] = Form(f => Set(f, "Name", "<script>alert(1)</script>"), "jen písmena"),
        ["name sql injection"] = Form(f => Set(f, "Name", "Robert'); DROP TABLE subscribers;--"), "jen písmena"),
        ["email without at"] = Form(f => Set(f, "Email", "not-an-email"), "platný e-mail"),
        ["email script tag"] = Form(f => Set(f, "Email", "<script>@example.cz"), "platný e-mail"),
        ["email too long"] = Form(f => Set(f, "Email", new string('a', 250) + "@example.cz"), "platný e-mail"),
        ["honeypot filled"] = Form(f => Set(f, "Website", "http://spam.example"), "nemá vyplňovat"),
        ["missing antiforgery token"] = new("/sms/prihlaska", (site, _) => ResidentClient.SignUpForm(site: site), HttpStatusCode.BadRequest, "Formulář vypršel", Token: null),
        ["forged antiforgery token"] = new("/sms/prihlaska", (site, _) => ResidentClient.SignUpForm(site: site), HttpStatusCode.BadRequest, "Formulář vypršel", Token: "CfDJ8forged"),
        ["wrong code"] = Code("999999", "Kód nesouhlasí"),
        ["code with letters"] = Code("abcdef", "Zadejte kód z SMS: 6 číslic."),
        ["code too long"] = Code("1234567", "Zadejte kód z SMS: 6 číslic."),
        ["code empty"] = Code("", "Zadejte kód z SMS: 6 číslic."),
        ["expired code"] = Code(null, "Platnost kódu vypršela", (_, site, _) => { site.Time.Advance(TimeSpan.FromMinutes(10)); return Task.CompletedTask; }),
        ["right code after five wrong attempts"] = Code(null, "Příliš mnoho chybných pokusů", async (resident, site, t) =>
        {
            var wrong = ((int.Parse(resident.LatestCode(Phone), CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.BadRequest, (await resident.PostAsync("/sms/overeni", [new("t", t), new("code", wrong)], "/sms")).StatusCode);
            }
        }),
        ["replayed confirmation"] = Code(null, "Kód už neplatí", async (resident, site, t) =>
            Assert.Equal(HttpStatusCode.OK, (await resident.PostAsync("/sms/overeni", [new("t", t), new("code", resident.LatestCode(Phone))], "/sms")).StatusCode)),
        // After the cooldown the number's owner would get an SMS and the page would look like any sign-up (ResidentSessionTests).
        ["replayed sign-up of a confirmed number"] = new("/sms/prihlaska", (site, _) => ResidentClient.SignUpForm(site: site), HttpStatusCode.TooManyRequests, "Další si můžete vyžádat v 10:01 (za 1 minutu)",
            async (resident, _) => { await resident.SignUpAndConfirmAsync(); return string.Empty; }),
        ["tampered verification link"] = new("/sms/overeni", (_, _) => [new("t", "garbage"), new("code", "123456")], HttpStatusCode.BadRequest, "Neplatný odkaz"),
        ["manage with an invalid phone"] = new("/sms/sprava", (_, _) => [new("phone", "12")], HttpStatusCode.BadRequest, "Zadejte platné mobilní číslo", FormPage: "/sms/sprava"),
        ["manage edit without a session"] = new("/sms/sprava/odber", (site, _) => ResidentClient.SignUpForm(site: site), HttpStatusCode.Unauthorized, "Přihlášení vypršelo"),
        ["cancel without a session"] = new("/sms/sprava/zrusit", (_, _) => [], HttpStatusCode.Unauthorized, "Přihlášení vypršelo"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Malformed_input_gets_a_czech_4xx_and_changes_nothing(string name)
    {
        var @case = Cases[name];
        using var site = new StudenkaSiteFactory();
        var resident = new ResidentClient(site);
        var token = @case.Prepare is null ? string.Empty : await @case.Prepare(resident, site);
        var before = Snapshot(site);

        var formToken = @case.Token switch
        {
            "page" => await resident.TokenFromAsync(@case.FormPage),
            var t => t,
        };
        var response = await resident.PostWithTokenAsync(@case.Path, @case.Fields(site, token), formToken);

        Assert.Equal(@case.Status, response.StatusCode);
        Assert.Contains(@case.Message, await ResidentClient.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(site));
    }

    private static string Snapshot(StudenkaSiteFactory site)
    {
        site.DrainOutbox();
        using var db = site.OpenDatabase();
        var rows = db.Query<string>("""
            SELECT 'sub:' || phone || '|' || status || '|' || COALESCE(name, '') || '|' || COALESCE(email, '') || '|' || updated_at_ms FROM subscribers
            UNION ALL SELECT 'addr:' || subscriber_id || '|' || position || '|' || city_part_id || '|' || COALESCE(CAST(street_id AS TEXT), '') || '|' || COALESCE(house_number, '') FROM subscriber_addresses
            UNION ALL SELECT 'pkg:' || subscriber_id || '|' || package_id FROM subscriber_packages
            UNION ALL SELECT 'sms:' || COUNT(*) FROM sandbox_sms
            UNION ALL SELECT 'streets:' || COUNT(*) FROM streets
            """);
        return string.Join('\n', rows.Order(StringComparer.Ordinal));
    }
}
