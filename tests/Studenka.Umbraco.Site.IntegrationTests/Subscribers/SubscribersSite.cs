using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Subscribers;

/// <summary>Paths and helpers of the subscriber API tests.</summary>
internal static class SubscribersSite
{
    public const string Api = "/umbraco/sms/api/v1/subscribers";

    /// <summary>A sign-up body as the backoffice view sends it; <paramref name="street"/> null with <paramref name="typedStreet"/> = "missing from the list".</summary>
    public static object SignUp(StudenkaSiteFactory site, string phone, string part = "Butovice", string? street = "Malá strana", string? typedStreet = null,
        int[]? packages = null, bool consent = true, string? house = null) =>
        new
        {
            phone,
            name = "Marie Svobodová",
            addresses = new[]
            {
                new
                {
                    partId = ResidentClient.PartId(site, part),
                    streetId = street is null ? (long?)null : ResidentClient.StreetId(site, part, street),
                    houseNumber = house,
                    streetMissing = typedStreet is not null,
                    streetName = typedStreet,
                },
            },
            packages = packages ?? [2],
            consent,
        };

    /// <summary>Signs up through the office's written-consent path and returns the new subscriber's id.</summary>
    public static async Task<long> AddWithWrittenConsentAsync(this HttpClient admin, StudenkaSiteFactory site, string phone, string part = "Butovice",
        string? street = "Malá strana", string? typedStreet = null, int[]? packages = null)
    {
        using var response = await admin.PostAsJsonAsync(Api + "/assisted/written-consent", SignUp(site, phone, part, street, typedStreet, packages));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscriberId").GetInt64();
    }

    public static List<(string Action, string? Subject, string? Details)> Audit(this StudenkaSiteFactory site, string actionPrefix)
    {
        using var db = site.OpenDatabase();
        return db.Query<(string, string?, string?)>("SELECT action, subject, details FROM audit_log WHERE action LIKE @prefix ORDER BY id",
            new { prefix = actionPrefix + "%" }).ToList();
    }

    public static List<string> SmsTo(this StudenkaSiteFactory site, string e164)
    {
        site.DrainOutbox();
        using var db = site.OpenDatabase();
        return db.Query<string>("SELECT body FROM sandbox_sms WHERE recipient = @e164 ORDER BY id", new { e164 }).ToList();
    }

    public static long Scalar(this StudenkaSiteFactory site, string sql, object? parameters = null) => site.Scalar<long>(sql, parameters);

    public static T Scalar<T>(this StudenkaSiteFactory site, string sql, object? parameters = null)
    {
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<T>(sql, parameters)!;
    }
}
