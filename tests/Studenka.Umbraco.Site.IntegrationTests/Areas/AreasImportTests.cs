using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Areas;

/// <summary>
/// Issue 10, Areas: the administrators' RÚIAN import through the management API as the backoffice view
/// uses it — upload (or ČÚZK download from a local server) → background job → progress polled until done
/// with the counts; refusals in Czech with nothing changed; one import at a time.
/// </summary>
public sealed class AreasImportTests : IAsyncLifetime
{
    private const string Api = "/umbraco/sms/api/v1/areas";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private FakeCuzkServer _cuzk = null!;
    private StudenkaSiteFactory _site = null!;

    public async Task InitializeAsync()
    {
        _cuzk = await FakeCuzkServer.StartAsync();
        _site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            ["Studenka:Ruian:CuzkBaseUrl"] = _cuzk.BaseUrl,
            ["Studenka:Ruian:CuzkTimeoutSeconds"] = "10",
            ["Studenka:Ruian:CuzkMaxDownloadBytes"] = "65536",
        });
    }

    public async Task DisposeAsync()
    {
        await _cuzk.DisposeAsync();
        _site.Dispose();
    }

    [Fact]
    public async Task An_uploaded_file_is_imported_in_the_background_and_its_progress_reaches_done_with_the_counts()
    {
        await SignUpAsync("603 100 001", "Butovice", "nám. Republiky", "762");
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var response = await UploadAsync(admin, RuianCsvFile.Encode(RuianCsvFile.Studenka), "20261031_OB_599921_ADR.csv");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith($"/areas/imports/{started.GetProperty("id").GetInt64()}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var job = await WaitAsync(admin, started.GetProperty("id").GetInt64());
        Assert.Equal(("succeeded", "done", "20261031_OB_599921_ADR.csv"), (Text(job, "state"), Text(job, "phase"), Text(job, "fileName")));
        var counts = job.GetProperty("counts");
        using (var db = _site.OpenDatabase())
        {
            // Every street of the file is now a register street; the seed streets nobody lives on are retired.
            Assert.Equal(14, Count(counts, "streetsAdded") + Count(counts, "streetsConfirmed"));
            Assert.Equal(db.ExecuteScalar<long>("SELECT COUNT(*) FROM streets WHERE is_active = 0"), Count(counts, "streetsRetired"));
            Assert.True(Count(counts, "streetsRetired") > 0);
            Assert.Equal(0, Count(counts, "streetsUnchanged"));
            Assert.Equal(RuianCsvFile.Studenka.Count, Count(counts, "rowsRead"));
        }

        Assert.Contains("nám. Republiky (Butovice) → náměstí Republiky (Butovice): 1 adresa", counts.GetProperty("moves").EnumerateArray().Select(m => m.GetString()));

        // The overview shows the register's street with its resident, and the same file again changes nothing.
        var overview = await admin.GetFromJsonAsync<JsonElement>(Api + "/overview");
        var butovice = overview.GetProperty("parts").EnumerateArray().Single(p => Text(p, "name") == "Butovice");
        Assert.Equal(1, Count(butovice, "subscribers"));
        var square = butovice.GetProperty("streets").EnumerateArray().Single(s => Text(s, "name") == "náměstí Republiky");
        Assert.Equal((1, true, "ruian"), (Count(square, "subscribers"), square.GetProperty("active").GetBoolean(), Text(square, "source")));
        using var again = await UploadAsync(admin, RuianCsvFile.Encode(RuianCsvFile.Studenka), "znovu.csv");
        var second = await WaitAsync(admin, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Equal((14, 0, 0, 0), (Count(second.GetProperty("counts"), "streetsUnchanged"), Count(second.GetProperty("counts"), "streetsAdded"),
            Count(second.GetProperty("counts"), "streetsConfirmed"), Count(second.GetProperty("counts"), "streetsRetired")));
        Assert.Equal(["areas.ruian-import", "areas.ruian-import.done", "areas.ruian-import", "areas.ruian-import.done"], AuditActions());
        var history = await admin.GetFromJsonAsync<JsonElement>(Api + "/imports");
        Assert.Equal(["znovu.csv", "20261031_OB_599921_ADR.csv"], history.EnumerateArray().Select(j => Text(j, "fileName")));
    }

    [Fact]
    public async Task A_file_that_is_no_address_file_is_refused_with_400_in_Czech_and_nothing_changes()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var before = AreaTables();

        using var utf8 = await UploadAsync(admin, RuianCsvFile.Encode(RuianCsvFile.Studenka, Encoding.UTF8), "utf8.csv");
        using var header = await UploadAsync(admin, Encoding.ASCII.GetBytes("a;b;c\r\n1;2;3\r\n"), "tabulka.csv");
        using var brokenZip = await UploadAsync(admin, [.. "PK\u0003\u0004"u8, .. new byte[200]], "rozbity.zip");
        using var empty = await UploadAsync(admin, [], "prazdny.csv");

        Assert.Contains("windows-1250", await FileErrorAsync(utf8), StringComparison.Ordinal);
        Assert.Contains("v hlavičce chybí povinné sloupce", await FileErrorAsync(header), StringComparison.Ordinal);
        Assert.Contains("ZIP je poškozený", await FileErrorAsync(brokenZip), StringComparison.Ordinal);
        Assert.Contains("prázdný", await FileErrorAsync(empty), StringComparison.Ordinal);
        Assert.Equal(before, AreaTables());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>(Api + "/imports")).EnumerateArray());
    }

    [Fact]
    public async Task A_bad_row_fails_the_job_with_its_line_in_Czech_and_nothing_changes()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        var before = AreaTables();
        var table = RuianCsvFile.Table(RuianCsvFile.Studenka);
        table[3][12] = "dvě stě";

        using var response = await UploadAsync(admin, RuianCsvFile.Encode(table), "chyba.csv");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await WaitAsync(admin, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Equal("failed", Text(job, "state"));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("counts").ValueKind);
        Assert.Contains(job.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("Řádek 4: sloupec „Číslo domovní“", StringComparison.Ordinal));
        Assert.Equal(before, AreaTables());
        Assert.Equal(["areas.ruian-import", "areas.ruian-import.failed"], AuditActions());
    }

    [Fact]
    public async Task A_second_import_while_one_runs_is_refused_with_409_and_the_first_finishes()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        _cuzk.Files["20261031_OB_599921_ADR.csv.zip"] = FakeCuzkServer.StudenkaZip();
        _cuzk.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using var first = await admin.PostAsync(Api + "/imports/cuzk", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var clock = Stopwatch.StartNew();
        while (_cuzk.Requested.Count == 0 && clock.Elapsed < Patience)
        {
            await Task.Delay(20);
        }

        using var upload = await UploadAsync(admin, RuianCsvFile.Encode(RuianCsvFile.Studenka), "soubeh.csv");
        using var download = await admin.PostAsync(Api + "/imports/cuzk", null);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (upload.StatusCode, download.StatusCode));
        Assert.Contains("Právě probíhá jiný import RÚIAN", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("running", "downloading"), (Text(await GetJobAsync(admin, id), "state"), Text(await GetJobAsync(admin, id), "phase")));
        _cuzk.Hold.SetResult();
        var job = await WaitAsync(admin, id);
        Assert.Equal(("succeeded", "20261031_OB_599921_ADR.csv.zip"), (Text(job, "state"), Text(job, "fileName")));
        Assert.Equal(14, Count(job.GetProperty("counts"), "streetsAdded") + Count(job.GetProperty("counts"), "streetsConfirmed"));
    }

    [Fact]
    public async Task The_download_from_CUZK_takes_the_previous_months_file_when_the_latest_is_not_published_yet()
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        _cuzk.Files["20260930_OB_599921_ADR.csv.zip"] = FakeCuzkServer.StudenkaZip("20260930");

        var job = await DownloadAsync(admin);

        Assert.Equal(("succeeded", "20260930_OB_599921_ADR.csv.zip"), (Text(job, "state"), Text(job, "fileName")));
        Assert.Equal(["20261031_OB_599921_ADR.csv.zip", "20260930_OB_599921_ADR.csv.zip"], _cuzk.Requested);
    }

    [Theory]
    [InlineData("missing", "ČÚZK nenabízí soubor adresních míst obce 599921 k 31. 10. 2026 ani k 30. 9. 2026")]
    [InlineData("not-zip", "Stažený soubor není ZIP")]
    [InlineData("broken-zip", "ZIP je poškozený")]
    [InlineData("no-csv", "neobsahuje soubor adresních míst")]
    [InlineData("too-large", "Soubor z ČÚZK je větší než")]
    [InlineData("slow", "neodpověděl do 10 s")]
    [InlineData("other-town", "soubor je pro obec 599999 (Trojanovice), očekává se obec 599921")]
    public async Task A_failed_download_from_CUZK_says_why_in_Czech_and_changes_nothing(string failure, string expected)
    {
        using var admin = await _site.CreateOperatorClientAsync(OperatorRole.Administrator);
        const string name = "20261031_OB_599921_ADR.csv.zip";
        switch (failure)
        {
            case "not-zip": _cuzk.Files[name] = Encoding.UTF8.GetBytes("<html>Údržba</html>"); break;
            case "broken-zip": _cuzk.Files[name] = FakeCuzkServer.StudenkaZip()[..100]; break;
            case "no-csv": _cuzk.Files[name] = FakeCuzkServer.Zip("readme.txt", "nic"u8.ToArray()); break;
            case "too-large": _cuzk.Files[name] = [.. FakeCuzkServer.StudenkaZip(), .. new byte[70_000]]; break;
            case "slow": _cuzk.Files[name] = FakeCuzkServer.StudenkaZip(); _cuzk.Hold = new TaskCompletionSource(); break;
            case "other-town":
                _cuzk.Files[name] = FakeCuzkServer.Zip("20261031_OB_599921_ADR.csv", RuianCsvFile.Encode([new RuianAddress(168491, "Trojanovice", null, 2, 599999, "Trojanovice")]));
                break;
        }

        var before = AreaTables();

        var job = await DownloadAsync(admin);

        Assert.Equal("failed", Text(job, "state"));
        Assert.Contains(job.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, AreaTables());
    }

    [Fact]
    public async Task The_download_says_in_Czech_when_CUZK_is_unreachable()
    {
        using var closed = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Ruian:CuzkBaseUrl"] = "http://127.0.0.1:9/vymenny_format/csv/" });
        using var admin = await closed.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var response = await admin.PostAsync(Api + "/imports/cuzk", null);
        var job = await WaitAsync(admin, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());

        Assert.Equal("failed", Text(job, "state"));
        Assert.Contains("Server ČÚZK (127.0.0.1) není dostupný", job.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OperatorRole.Editor)]
    [InlineData(OperatorRole.Dispatch)]
    public async Task Editors_and_dispatch_get_403_and_start_nothing(OperatorRole role)
    {
        using var client = await _site.CreateOperatorClientAsync(role);

        using var overview = await client.GetAsync(Api + "/overview");
        using var upload = await UploadAsync(client, RuianCsvFile.Encode(RuianCsvFile.Studenka), "x.csv");
        using var download = await client.PostAsync(Api + "/imports/cuzk", null);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [overview.StatusCode, upload.StatusCode, download.StatusCode]);
        using var db = _site.OpenDatabase();
        Assert.Equal(0, db.ExecuteScalar<long>("SELECT COUNT(*) FROM ruian_import_jobs"));
        Assert.Empty(_cuzk.Requested);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return client.PostAsync($"{Api}/imports?fileName={Uri.EscapeDataString(fileName)}", content);
    }

    private static async Task<string> FileErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Soubor nelze importovat.", Text(problem, "title"));
        return problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
    }

    private static async Task<JsonElement> DownloadAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync(Api + "/imports/cuzk", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await WaitAsync(admin, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    private static Task<JsonElement> GetJobAsync(HttpClient client, long id) => client.GetFromJsonAsync<JsonElement>($"{Api}/imports/{id}");

    /// <summary>Polls the job as the view does until it is no longer running.</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient client, long id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await GetJobAsync(client, id);
            if (Text(job, "state") != "running")
            {
                return job;
            }

            Assert.True(clock.Elapsed < Patience, $"Import {id} still running: {job}");
            await Task.Delay(50);
        }
    }

    private async Task SignUpAsync(string phone, string part, string street, string house) =>
        await new ResidentClient(_site).SignUpAndConfirmAsync(phone, "+420" + phone.Replace(" ", string.Empty, StringComparison.Ordinal),
            ResidentClient.SignUpForm(phone: phone, part: part, street: street, house: house, packages: [1], site: _site));

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private static long Count(JsonElement element, string name) => element.GetProperty(name).GetInt64();

    private List<string> AuditActions()
    {
        using var db = _site.OpenDatabase();
        return db.Query<string>("SELECT action FROM audit_log WHERE action LIKE 'areas.%' ORDER BY id").ToList();
    }

    /// <summary>Every row of the tables an import writes, sorted (PostgreSQL has no rowid order).</summary>
    private string AreaTables()
    {
        using var db = _site.OpenDatabase();
        var text = new StringBuilder();
        foreach (var table in new[] { "city_parts", "streets", "subscriber_addresses", "address_points" })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{table}]");
            foreach (var row in db.Query($"SELECT * FROM {table}")
                .Select(r => string.Join('|', ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))
                .Order(StringComparer.Ordinal))
            {
                text.AppendLine(row);
            }
        }

        return text.ToString();
    }
}
