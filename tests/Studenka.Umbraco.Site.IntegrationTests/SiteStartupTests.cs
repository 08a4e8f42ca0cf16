using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

public sealed class SiteStartupTests
{
    [Fact]
    public async Task A_second_start_on_the_same_database_changes_nothing()
    {
        using var first = new StudenkaSiteFactory();
        _ = first.Services; // starts the host: migrate + seed
        var before = Snapshot(first);

        using (var second = new StudenkaSiteFactory(directory: first.Directory_))
        {
            _ = second.Services;
            Assert.Equal(before, Snapshot(second));
        }

        Assert.Contains("[schema_migrations]", before, StringComparison.Ordinal);
        Assert.Contains("Nová Horka", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relative_SQLite_path_is_one_file_under_the_content_root_for_the_package_and_the_sign_in_alike()
    {
        string contentRoot;
        using (var probe = new StudenkaSiteFactory())
        {
            contentRoot = probe.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        }

        var directory = Path.Combine(Path.GetTempPath(), "studenka-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "relative.db");
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            ["Studenka:Persistence:Provider"] = "Sqlite",
            ["Studenka:Persistence:ConnectionString"] = $"Data Source={Path.GetRelativePath(contentRoot, file)}",
        }, directory);

        using var client = await site.CreateOperatorClientAsync(OperatorRole.Editor, "relativni");

        await using var db = new SqliteConnection($"Data Source={file};Pooling=False");
        await db.OpenAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM operators WHERE user_name = 'relativni'"));
        Assert.True(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OpenIddictTokens") > 0, "the sign-in's tokens are in the package's file");
    }

    [Fact]
    public async Task The_backoffice_manifest_is_served_from_App_Plugins_with_the_sms_section()
    {
        using var site = new StudenkaSiteFactory();
        var response = await site.CreateClient().GetAsync("/App_Plugins/Studenka.Notifications/umbraco-package.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Studenka.Umbraco.Notifications", manifest.RootElement.GetProperty("id").GetString());
        var section = manifest.RootElement.GetProperty("extensions").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "section");
        Assert.Equal("Studenka.Notifications.Section", section.GetProperty("alias").GetString());
        Assert.Equal("sms", section.GetProperty("meta").GetProperty("pathname").GetString());
    }

    [Fact]
    public async Task With_a_MessageBird_key_the_verification_SMS_goes_to_MessageBird_and_the_sandbox_page_is_gone()
    {
        await using var messageBird = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = "live_abc" });
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?>
        {
            ["Studenka:Sms:MessageBirdAccessKey"] = "live_abc",
            ["Studenka:Sms:MessageBirdBaseUrl"] = messageBird.BaseUrl.ToString(),
        });
        var resident = new ResidentClient(site);

        var signUp = await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: site), "/sms");
        var sandbox = await resident.Http.GetAsync("/sms/sandbox");
        site.DrainOutbox();

        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        var sms = Assert.Single(messageBird.Messages);
        Assert.Equal(["+420603123456"], sms.Recipients);
        Assert.Matches("[0-9]{6}", sms.Body);
        Assert.Equal(HttpStatusCode.NotFound, sandbox.StatusCode);
    }

    /// <summary>Schema and every row of every table (timestamps included).</summary>
    private static string Snapshot(StudenkaSiteFactory site)
    {
        using var db = site.OpenDatabase();
        var text = new StringBuilder();
        foreach (var (name, sql) in TestSchema.Tables(db))
        {
            text.AppendLine($"[{name}] {sql}");
            if (name is "delivery_nodes" or "qrtz_scheduler_state")
            {
                // Each start writes its node's heartbeat (a new process id, a new start time): that is its job.
                // Quartz's cluster check-in (PostgreSQL) is the reminders' heartbeat.
                continue;
            }

            var rows = new List<string>();
            using var reader = db.ExecuteReader($"SELECT * FROM \"{name}\"");
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join('|', values.Select(v => v is byte[] b ? Convert.ToHexString(b) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }

            // Sorted here: PostgreSQL has no rowid order to ask for.
            text.AppendJoin(Environment.NewLine, rows.Order(StringComparer.Ordinal)).AppendLine();
        }

        return text.ToString();
    }
}
