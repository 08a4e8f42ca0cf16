using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Campaigns;

/// <summary>Paths and database helpers shared by the campaign API tests.</summary>
internal static class CampaignSite
{
    public const string Api = "/umbraco/sms/api/v1";
    public const string CampaignsPath = Api + "/campaigns";

    public static long PartId(this StudenkaSiteFactory site, string name)
    {
        using var connection = site.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT id FROM city_parts WHERE name = @name", new { name });
    }

    public static long StreetId(this StudenkaSiteFactory site, string part, string street)
    {
        using var connection = site.OpenDatabase();
        return connection.ExecuteScalar<long>(
            "SELECT s.id FROM streets s JOIN city_parts p ON p.id = s.city_part_id WHERE p.name = @part AND s.name = @street", new { part, street });
    }

    /// <summary>An active subscriber added directly; signing up has its own tests.</summary>
    public static void AddSubscriber(this StudenkaSiteFactory site, string phone, int package, long partId)
    {
        using var connection = site.OpenDatabase();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO subscribers (phone, status, consent_version, consent_at_ms, created_at_ms, updated_at_ms)
            VALUES (@phone, 'active', 'v1', 0, 0, 0) RETURNING id
            """, new { phone });
        connection.Execute("INSERT INTO subscriber_packages (subscriber_id, package_id) VALUES (@id, @package)", new { id, package });
        connection.Execute("INSERT INTO subscriber_addresses (subscriber_id, position, city_part_id) VALUES (@id, 1, @partId)", new { id, partId });
    }

    public static long Count(this StudenkaSiteFactory site, string table)
    {
        using var connection = site.OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Empties campaigns (and their areas) so a shared site starts the next case from none.</summary>
    public static void DeleteCampaigns(this StudenkaSiteFactory site)
    {
        using var connection = site.OpenDatabase();
        connection.Execute("DELETE FROM campaign_city_parts; DELETE FROM campaign_streets; DELETE FROM outbox; DELETE FROM campaigns;");
    }

    public static void SetState(this StudenkaSiteFactory site, long id, string state)
    {
        using var connection = site.OpenDatabase();
        connection.Execute("UPDATE campaigns SET state = @state WHERE id = @id", new { id, state });
    }

    public static async Task<long> CreateDraftAsync(this HttpClient client, object? draft = null)
    {
        using var response = await client.PostAsJsonAsync(CampaignsPath, draft ?? new { packageId = 2, text = "Zítra nepoteče voda." });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
