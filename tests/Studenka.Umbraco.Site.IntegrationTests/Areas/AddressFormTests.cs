using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Areas;

/// <summary>Issue 7: Czech house numbers and a street missing from the list, through the real form post.</summary>
public sealed partial class AddressFormTests : IDisposable
{
    private const string Api = "/umbraco/sms/api/v1";
    private readonly StudenkaSiteFactory _site = new();
    private readonly ResidentClient _resident;

    public AddressFormTests() => _resident = new ResidentClient(_site);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_sign_up_with_12a_cp_12_and_c_ev_5_is_accepted_and_confirmed_and_stored_normalised_with_its_parts()
    {
        var form = ResidentClient.SignUpForm(house: "12a", site: _site);
        AddAddress(form, 1, "Studénka", "Požárnická", "č.p. 12");
        AddAddress(form, 2, "Nová Horka", null, "č. ev. 5");

        await _resident.SignUpAndConfirmAsync(form: form);

        using var db = _site.OpenDatabase();
        var stored = db.Query<(string, string?, long?, long?, string?)>(
            "SELECT house_number, house_kind, house_building, house_orientation, house_orientation_letter FROM subscriber_addresses ORDER BY position").ToList();
        Assert.Equal([("č. o. 12a", null, null, 12L, "a"), ("č. p. 12", "cp", 12L, null, null), ("č. ev. 5", "ce", 5L, null, null)], stored);
    }

    [Fact]
    public async Task A_house_number_that_is_not_one_gets_a_czech_error_next_to_the_field_and_nothing_is_stored()
    {
        var response = await _resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(house: "u kostela", site: _site), "/sms");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"sms-addresses-0-housenumber-error\"", html, StringComparison.Ordinal);
        Assert.Contains("číslo domu zadejte jako 762, 1234/5a, č. p. 762, č. ev. 5 nebo č. o. 12a", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"u kostela\"", html, StringComparison.Ordinal);
        Assert.Equal(0L, _site.OpenDatabase().ExecuteScalar<long>("SELECT COUNT(*) FROM subscribers"));
    }

    [Fact]
    public async Task The_form_says_to_choose_a_street_groups_streets_by_part_and_offers_a_missing_street()
    {
        var html = WebUtility.HtmlDecode(await _resident.Http.GetStringAsync("/sms"));

        Assert.DoesNotContain("bez ulice", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(html, "<option value=\"\">– vyberte ulici –</option>").Count);
        Assert.Contains("Moje ulice v seznamu chybí", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Addresses[0].StreetMissing\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Addresses[0].StreetName\"", html, StringComparison.Ordinal);
        // Without JavaScript one list holds both parts, so each street sits in its own part's group:
        // the two "Poštovní" options are told apart by their group, and no street is outside a group.
        var select = Regex.Match(html, "<select id=\"sms-addresses-0-streetid\".*?</select>", RegexOptions.Singleline).Value;
        var groups = OptgroupPattern().Matches(select).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(["Butovice", "Studénka"], groups.Keys.Order());
        Assert.All(groups.Values, g => Assert.Single(Regex.Matches(g, ">Poštovní<")));
        Assert.Contains(">Malá strana<", groups["Butovice"], StringComparison.Ordinal);
        Assert.DoesNotContain(">Malá strana<", groups["Studénka"], StringComparison.Ordinal);
        Assert.Single(Regex.Matches(OptgroupPattern().Replace(select, string.Empty), "<option"));
    }

    [Fact]
    public async Task A_resident_whose_street_is_missing_signs_up_counts_for_the_part_and_an_administrator_maps_the_street()
    {
        var form = ResidentClient.SignUpForm(part: "Studénka", street: null, house: "7", packages: [1], site: _site);
        form.Add(new("Addresses[0].StreetMissing", "true"));
        form.Add(new("Addresses[0].StreetName", "U Rybníka"));
        await _resident.SignUpAndConfirmAsync(form: form);
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var studenka = ResidentClient.PartId(_site, "Studénka");
        var pozarnicka = ResidentClient.StreetId(_site, "Studénka", "Požárnická");

        var partPreview = await PreviewAsync(admin, new { packageId = 1, cityPartIds = new[] { studenka }, text = "Povodeň" });
        var streetBefore = await PreviewAsync(admin, new { packageId = 1, streetIds = new[] { pozarnicka }, text = "Povodeň" });
        var waiting = await admin.GetFromJsonAsync<JsonElement>(Api + "/areas/needs-mapping");
        using var mapped = await admin.PostAsJsonAsync(Api + "/areas/unlisted-streets/mapping", new { cityPartId = studenka, name = "u rybníka", streetId = pozarnicka });
        var streetAfter = await PreviewAsync(admin, new { packageId = 1, streetIds = new[] { pozarnicka }, text = "Povodeň" });
        var waitingAfter = await admin.GetFromJsonAsync<JsonElement>(Api + "/areas/needs-mapping");

        Assert.Equal((1, 1), (partPreview.GetProperty("recipients").GetInt32(), partPreview.GetProperty("addressesNeedingMapping").GetInt32()));
        Assert.Equal((0, 1), (streetBefore.GetProperty("recipients").GetInt32(), streetBefore.GetProperty("addressesNeedingMapping").GetInt32()));
        var entry = Assert.Single(waiting.GetProperty("unlistedStreets").EnumerateArray());
        Assert.Equal(("Studénka", "U Rybníka", 1), (entry.GetProperty("cityPartName").GetString(), entry.GetProperty("name").GetString(), entry.GetProperty("addresses").GetInt32()));
        Assert.DoesNotContain("603", waiting.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        Assert.Equal((1, 0), (streetAfter.GetProperty("recipients").GetInt32(), streetAfter.GetProperty("addressesNeedingMapping").GetInt32()));
        Assert.Empty(waitingAfter.GetProperty("unlistedStreets").EnumerateArray());
    }

    [Fact]
    public async Task The_manage_page_shows_the_typed_street_so_saving_keeps_it()
    {
        var form = ResidentClient.SignUpForm(part: "Studénka", street: null, house: null, site: _site);
        form.Add(new("Addresses[0].StreetMissing", "true"));
        form.Add(new("Addresses[0].StreetName", "U Rybníka"));
        await _resident.SignUpAndConfirmAsync(form: form);
        await _resident.OpenManageAsync();

        var html = await _resident.Http.GetStringAsync("/sms/sprava/odber");

        Assert.Matches("name=\"Addresses\\[0\\].StreetMissing\" type=\"checkbox\" value=\"true\" checked", html);
        Assert.Contains("value=\"U Rybn", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_residents_data_shows_the_typed_street_on_the_page_and_in_the_json()
    {
        var form = ResidentClient.SignUpForm(part: "Studénka", street: null, house: "č.p. 7", site: _site);
        form.Add(new("Addresses[0].StreetMissing", "true"));
        form.Add(new("Addresses[0].StreetName", "U Rybníka"));
        await _resident.SignUpAndConfirmAsync(form: form);
        await _resident.OpenManageAsync();

        var page = await _resident.PageTextAsync("/sms/sprava/data");
        var json = await _resident.Http.GetFromJsonAsync<JsonElement>("/sms/sprava/data.json");

        Assert.Contains("U Rybníka č. p. 7, Studénka", page, StringComparison.Ordinal);
        var address = Assert.Single(json.GetProperty("adresy").EnumerateArray());
        Assert.Equal(("U Rybníka", "č. p. 7"), (address.GetProperty("ulice").GetString(), address.GetProperty("cisloDomu").GetString()));
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Only_administrators_see_and_map_addresses(OperatorRole role)
    {
        using var client = await _site.CreateOperatorClientAsync(role);

        using var list = await client.GetAsync(Api + "/areas/needs-mapping");
        using var mismatches = await client.GetAsync(Api + "/areas/house-number-mismatches");
        using var map = await client.PostAsJsonAsync(Api + "/areas/streets/1/mapping", new { streetId = 2 });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { list.StatusCode, mismatches.StatusCode, map.StatusCode });
    }

    [Fact]
    public async Task Mapping_with_bad_input_gets_czech_problem_json()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var noTarget = await admin.PostAsJsonAsync(Api + "/areas/unlisted-streets/mapping", new { name = "" });
        using var unknown = await admin.PostAsJsonAsync(Api + "/areas/streets/99999/mapping", new { streetId = 1 });
        using var notWaiting = await admin.PostAsJsonAsync(Api + "/areas/streets/1/mapping", new { streetId = 2 });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.Conflict), (noTarget.StatusCode, unknown.StatusCode, notWaiting.StatusCode));
        var problems = new[] { await noTarget.Content.ReadFromJsonAsync<JsonElement>(), await unknown.Content.ReadFromJsonAsync<JsonElement>(), await notWaiting.Content.ReadFromJsonAsync<JsonElement>() };
        Assert.Equal([400, 404, 409], problems.Select(p => p.GetProperty("status").GetInt32()));
        Assert.Contains("na přiřazení nečeká", problems[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var errors = problems[0].GetProperty("errors");
        Assert.Equal(["cityPartId", "name", "streetId"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    private void AddAddress(List<KeyValuePair<string, string>> form, int index, string part, string? street, string house)
    {
        form.Add(new($"Addresses[{index}].PartId", ResidentClient.PartId(_site, part).ToString(CultureInfo.InvariantCulture)));
        if (street is not null)
        {
            form.Add(new($"Addresses[{index}].StreetId", ResidentClient.StreetId(_site, part, street).ToString(CultureInfo.InvariantCulture)));
        }

        form.Add(new($"Addresses[{index}].HouseNumber", house));
    }

    private static async Task<JsonElement> PreviewAsync(HttpClient client, object draft)
    {
        using var response = await client.PostAsJsonAsync(Api + "/campaigns/preview", draft);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [GeneratedRegex("<optgroup label=\"([^\"]+)\"[^>]*>(.*?)</optgroup>", RegexOptions.Singleline)]
    private static partial Regex OptgroupPattern();
}
