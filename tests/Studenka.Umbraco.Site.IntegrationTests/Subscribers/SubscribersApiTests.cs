using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;
using static Studenka.Umbraco.Site.IntegrationTests.Subscribers.SubscribersSite;

namespace Studenka.Umbraco.Site.IntegrationTests.Subscribers;

/// <summary>Search, counts and the CSV export of the administrators' subscriber view (both engines: STUDENKA_TEST_ENGINE).</summary>
public sealed class SubscribersApiTests
{
    [Fact]
    public async Task A_number_is_found_in_any_format_and_a_street_without_its_diacritics_or_case()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();
        await admin.AddWithWrittenConsentAsync(site, "603 111 222", street: "Malá strana");
        await admin.AddWithWrittenConsentAsync(site, "+420 603 333 444", street: "Matiční");
        await admin.AddWithWrittenConsentAsync(site, "603555666", street: null, typedStreet: "Nová Malá");

        var byNumber = await admin.GetFromJsonAsync<JsonElement>(Api + "?q=" + Uri.EscapeDataString("00420 603-111-222"));
        var byDigits = await admin.GetFromJsonAsync<JsonElement>(Api + "?q=333");
        var byStreet = await admin.GetFromJsonAsync<JsonElement>(Api + "?q=mala");

        Assert.Equal(["+420603111222"], Phones(byNumber));
        Assert.Equal(["+420603333444"], Phones(byDigits));
        // "mala" finds the register's "Malá strana" and the typed "Nová Malá", not "Matiční".
        Assert.Equal(["+420603555666", "+420603111222"], Phones(byStreet));
        Assert.Equal("Malá strana, Butovice", byNumber.GetProperty("items")[0].GetProperty("addresses")[0].GetString());
    }

    [Fact]
    public async Task Pages_give_the_total_and_the_newest_subscribers_first()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();
        foreach (var phone in new[] { "603100001", "603100002", "603100003" })
        {
            await admin.AddWithWrittenConsentAsync(site, phone);
        }

        var first = await admin.GetFromJsonAsync<JsonElement>(Api + "?take=2");
        var second = await admin.GetFromJsonAsync<JsonElement>(Api + "?take=2&skip=2");

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(["+420603100003", "+420603100002"], Phones(first));
        Assert.Equal(["+420603100001"], Phones(second));
    }

    [Fact]
    public async Task Counts_are_per_package_city_part_and_street_of_active_subscribers()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();
        await admin.AddWithWrittenConsentAsync(site, "603200001", street: "Malá strana", packages: [1, 2]);
        await admin.AddWithWrittenConsentAsync(site, "603200002", street: "Malá strana", packages: [2]);
        await admin.AddWithWrittenConsentAsync(site, "603200003", part: "Studénka", street: "Požárnická", packages: [4]);
        await admin.AddWithWrittenConsentAsync(site, "603200004", street: null, typedStreet: "Za Humny", packages: [5]);

        var counts = await admin.GetFromJsonAsync<JsonElement>(Api + "/counts");

        Assert.Equal(4, counts.GetProperty("active").GetInt32());
        Assert.Equal(1, counts.GetProperty("typed").GetInt32());
        var packages = counts.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("packageId").GetInt32(), p => p.GetProperty("subscribers").GetInt32());
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 2, [3] = 0, [4] = 1, [5] = 1 }, packages);
        var parts = counts.GetProperty("cityParts").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("subscribers").GetInt32());
        Assert.Equal(3, parts["Butovice"]);
        Assert.Equal(1, parts["Studénka"]);
        Assert.Equal(0, parts["Nová Horka"]);
        var streets = counts.GetProperty("streets").EnumerateArray()
            .Select(s => $"{s.GetProperty("name").GetString()} ({s.GetProperty("cityPartName").GetString()}): {s.GetProperty("subscribers").GetInt32()}").ToList();
        Assert.Equal(["Malá strana (Butovice): 2", "Požárnická (Studénka): 1"], streets);
    }

    [Fact]
    public async Task The_export_is_a_czech_csv_that_excel_opens_and_the_download_is_audited()
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync(OperatorRole.Administrator, "spravce");
        await admin.AddWithWrittenConsentAsync(site, "603300001", street: "Matiční", packages: [2, 3]);

        using var response = await admin.GetAsync(Api + "/export");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("odberatele-2026-11-27.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Id;Telefon;Jméno;E-mail;Stav;Balíčky;Adresa 1;Adresa 2;Adresa 3;", lines[0], StringComparison.Ordinal);
        Assert.Contains(";+420 603 300 001;Marie Svobodová;;aktivní;Provozní informace, Úřad a samospráva;Matiční, Butovice;;;", lines[1], StringComparison.Ordinal);
        Assert.Contains(";Test Administrator (", lines[1], StringComparison.Ordinal);
        var audit = site.Audit("subscribers.export");
        Assert.Equal([("subscribers.export", (string?)null, (string?)"Export odběratelů do CSV: 1 řádků.")], audit);
    }

    [Theory]
    [InlineData("?take=0", "take")]
    [InlineData("?take=201", "take")]
    [InlineData("?skip=-1", "skip")]
    [InlineData("?take=hodně", "take")]
    public async Task A_bad_page_gets_400_in_czech(string query, string field)
    {
        using var site = new StudenkaSiteFactory();
        using var admin = await site.CreateOperatorClientAsync();

        using var response = await admin.GetAsync(Api + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)), problem.ToString());
    }

    private static List<string> Phones(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("phone").GetString()!).ToList();
}
