using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Areas;

/// <summary>
/// Issue 14 end to end: residents sign up on the web before the first RÚIAN import, the import runs as
/// the Site's command, and a crisis campaign to the register's street reaches them through the real
/// preview, snapshot and delivery worker.
/// </summary>
public sealed class RuianImportCampaignTests : IDisposable
{
    private const string Api = "/umbraco/sms/api/v1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StudenkaSiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Residents_of_nam_Republiky_and_Postovni_Studenka_are_reached_by_a_campaign_to_the_register_streets_after_the_import()
    {
        var anna = await SignUpAsync("603 100 001", "Butovice", "nám. Republiky", "762");
        var bedrich = await SignUpAsync("603 100 002", "Studénka", "Poštovní", "701");

        var (exitCode, report) = await ImportAsync(RuianCsvFile.Studenka);

        Assert.Equal(0, exitCode);
        Assert.Contains("  nám. Republiky (Butovice) → náměstí Republiky (Butovice): 1 adresa", report, StringComparison.Ordinal);
        Assert.Contains("  Poštovní (Studénka) → Poštovní (Butovice): 1 adresa", report, StringComparison.Ordinal);
        Assert.Equal("Butovice", PartOf(bedrich));
        using var dispatch = await _site.CreateOperatorClientAsync(OperatorRole.Dispatch);
        var square = StreetId("Butovice", "náměstí Republiky");
        var post = StreetId("Butovice", "Poštovní");
        // The old part no longer reaches Bedřich: a message to Studénka is not about his street.
        var oldPart = await PreviewAsync(dispatch, new { packageId = 1, cityPartIds = new[] { ResidentClient.PartId(_site, "Studénka") }, text = "x" });
        Assert.Equal(0, oldPart.GetProperty("recipients").GetInt32());

        var received = await SendAsync(dispatch, new { packageId = 1, streetIds = new[] { square, post }, text = "Únik plynu na náměstí Republiky a v Poštovní, nevycházejte." });

        Assert.Equal([anna, bedrich], received);
    }

    [Fact]
    public async Task A_campaign_prepared_before_the_import_for_a_seed_street_reaches_its_residents_on_the_register_street()
    {
        var bedrich = await SignUpAsync("603 100 002", "Studénka", "Poštovní", "701");
        using var dispatch = await _site.CreateOperatorClientAsync(OperatorRole.Dispatch);
        var seedPost = StreetId("Studénka", "Poštovní");
        var id = await CreateAsync(dispatch, new { packageId = 1, streetIds = new[] { seedPost }, text = "Uzavírka Poštovní od 8:00, objeďte přes Butovice." });

        await ImportAsync(RuianCsvFile.Studenka);

        // The seed copy is retired under the draft; the draft now names the register's street its resident moved to.
        var detail = await dispatch.GetFromJsonAsync<JsonElement>($"{Api}/campaigns/{id}");
        Assert.Equal([StreetId("Butovice", "Poštovní")], detail.GetProperty("campaign").GetProperty("streetIds").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([bedrich], await SendExistingAsync(dispatch, id));
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_changes_nothing()
    {
        await SignUpAsync("603 100 001", "Butovice", "nám. Republiky", "762");
        await SignUpAsync("603 100 002", "Studénka", "Poštovní", "999");
        await ImportAsync(RuianCsvFile.Studenka);
        var before = AreaTables();

        var (exitCode, report) = await ImportAsync(RuianCsvFile.Studenka);

        Assert.Equal(0, exitCode);
        Assert.Equal(before, AreaTables());
        Assert.Contains("Přesunuté adresy obyvatel: 0", report, StringComparison.Ordinal);
        Assert.Contains("Ulice: přidáno 0, potvrzeno 0, beze změny 14, znovu aktivováno 0.", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_street_a_later_file_drops_stays_targetable_needs_mapping_and_its_resident_still_gets_the_sms()
    {
        await ImportAsync(RuianCsvFile.Studenka);
        var dana = await SignUpAsync("603 100 004", "Studénka", "Na Trávníkách", "88");
        await SignUpAsync("603 100 005", "Butovice", "Malá strana", "999");

        var (exitCode, report) = await ImportAsync(RuianCsvFile.Studenka.Where(a => a.Street != "Na Trávníkách"));

        Assert.Equal(0, exitCode);
        var trees = StreetId("Studénka", "Na Trávníkách");
        Assert.Contains($"  Na Trávníkách (Studénka), id {trees}: 1 adresa, zůstává v nabídce pro kampaně", report, StringComparison.Ordinal);
        Assert.Contains("  Malá strana 999 (Butovice): 1 adresa", report, StringComparison.Ordinal);
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var waiting = await admin.GetFromJsonAsync<JsonElement>(Api + "/areas/needs-mapping");
        var street = Assert.Single(waiting.GetProperty("streets").EnumerateArray());
        Assert.Equal((trees, "Na Trávníkách", "ruian", 1), (street.GetProperty("streetId").GetInt64(), street.GetProperty("name").GetString(),
            street.GetProperty("source").GetString(), street.GetProperty("addresses").GetInt32()));
        var mismatch = Assert.Single((await admin.GetFromJsonAsync<JsonElement>(Api + "/areas/house-number-mismatches")).EnumerateArray());
        Assert.Equal(("Malá strana", "999", 1), (mismatch.GetProperty("streetName").GetString(), mismatch.GetProperty("houseNumber").GetString(), mismatch.GetProperty("addresses").GetInt32()));
        var draft = new { packageId = 1, streetIds = new[] { trees }, text = "Voda stoupá, Na Trávníkách připravte pytle s pískem." };
        var preview = await PreviewAsync(admin, draft);
        Assert.Equal((1, 1), (preview.GetProperty("recipients").GetInt32(), preview.GetProperty("addressesNeedingMapping").GetInt32()));

        Assert.Equal([dana], await SendAsync(admin, draft));
    }

    private async Task<string> SignUpAsync(string phone, string part, string street, string house)
    {
        var e164 = "+420" + phone.Replace(" ", string.Empty, StringComparison.Ordinal);
        await new ResidentClient(_site).SignUpAndConfirmAsync(phone, e164,
            ResidentClient.SignUpForm(phone: phone, part: part, street: street, house: house, packages: [1], site: _site));
        return e164;
    }

    private async Task<(int ExitCode, string Report)> ImportAsync(IEnumerable<RuianAddress> addresses)
    {
        var path = Path.Combine(_site.Directory_, $"{Guid.NewGuid():N}_OB_599921_ADR.csv");
        await File.WriteAllBytesAsync(path, RuianCsvFile.Encode(addresses));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ImportRuianCommand.RunAsync(_site.Services, [path], output, error, CancellationToken.None);
        return (exitCode, output + error.ToString());
    }

    /// <summary>Creates and sends the campaign through the API, waits for the worker, returns who the sandbox sent it to.</summary>
    private async Task<List<string>> SendAsync(HttpClient client, object draft) => await SendExistingAsync(client, await CreateAsync(client, draft));

    private static async Task<long> CreateAsync(HttpClient client, object draft)
    {
        using var created = await client.PostAsJsonAsync(Api + "/campaigns", draft);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task<List<string>> SendExistingAsync(HttpClient client, long id)
    {
        long before;
        using (var db = _site.OpenDatabase())
        {
            before = db.ExecuteScalar<long>("SELECT COALESCE(MAX(id), 0) FROM sandbox_sms");
        }

        using var send = await client.PostAsync($"{Api}/campaigns/{id}/send", null);
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        var signal = _site.Services.GetRequiredService<DeliverySignal>();
        var clock = Stopwatch.StartNew();
        while ((await client.GetFromJsonAsync<JsonElement>($"{Api}/campaigns/{id}")).GetProperty("campaign").GetProperty("state").GetString() is "scheduled" or "sending"
               && clock.Elapsed < Patience)
        {
            signal.Wake();
            await Task.Delay(50);
        }

        using var connection = _site.OpenDatabase();
        return connection.Query<string>("SELECT recipient FROM sandbox_sms WHERE id > @before ORDER BY recipient", new { before }).ToList();
    }

    private static async Task<JsonElement> PreviewAsync(HttpClient client, object draft)
    {
        using var response = await client.PostAsJsonAsync(Api + "/campaigns/preview", draft);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private long StreetId(string part, string street) => ResidentClient.StreetId(_site, part, street);

    private string PartOf(string phone)
    {
        using var db = _site.OpenDatabase();
        return db.ExecuteScalar<string>(
            "SELECT p.name FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id JOIN city_parts p ON p.id = a.city_part_id WHERE s.phone = @phone",
            new { phone })!;
    }

    /// <summary>Every row of the tables an import writes or reads for moves, sorted (PostgreSQL has no rowid order).</summary>
    private string AreaTables()
    {
        using var db = _site.OpenDatabase();
        var text = new StringBuilder();
        foreach (var table in new[] { "city_parts", "streets", "subscriber_addresses", "address_points" })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{table}]");
            var rows = db.Query($"SELECT * FROM {table}")
                .Select(row => string.Join('|', ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
            foreach (var row in rows.Order(StringComparer.Ordinal))
            {
                text.AppendLine(row);
            }
        }

        return text.ToString();
    }
}
