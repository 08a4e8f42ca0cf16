using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Content;

/// <summary>The Site's pages API as the "Obsah webu" section calls it, and the town's address catalog the pages aim at.</summary>
internal static class SitePagesClient
{
    public const string Api = "/umbraco/sms/api/v1/pages";

    /// <summary>"Adventní koncert" on Saturday 12 December 2026 at 18:00, SMS for package 4 in <paramref name="cityPartId"/>.</summary>
    public static object Concert(long cityPartId, string title = "Adventní koncert", string place = "kostel sv. Bartoloměje", int packageId = 4) => new
    {
        documentType = "eventPage",
        title,
        body = "Zpívá pěvecký sbor Studénka.\n\nVstupné dobrovolné.",
        eventStart = "2026-12-12T18:00",
        place,
        smsEnabled = true,
        smsText = (string?)null,
        packageId,
        cityPartIds = new[] { cityPartId },
        streetIds = Array.Empty<long>(),
        reminders = (string?)null,
    };

    public static async Task<CityPartWithStreets> PartAsync(this StudenkaSiteFactory site, string name = "Butovice") =>
        (await site.Services.GetRequiredService<AreaRepository>().GetCatalogAsync(CancellationToken.None)).Parts.First(p => p.Part.Name == name);

    public static async Task<JsonElement> CreatedAsync(this HttpClient client, object body)
    {
        using var response = await client.PostJsonAsync(Api, body);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new InvalidOperationException($"POST pages: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> ActAsync(this HttpClient client, Guid key, string action)
    {
        using var response = await client.PostAsync($"{Api}/{key}/{action}", null);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : throw new InvalidOperationException($"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static Guid Key(this JsonElement page) => page.GetProperty("key").GetGuid();

    /// <summary>The package's SMS view of the page (campaigns, announcements, reminders).</summary>
    public static Task<JsonElement> SmsViewAsync(this HttpClient client, Guid key) =>
        client.GetFromJsonAsync<JsonElement>($"/umbraco/sms/api/v1/content/{key}/campaigns");
}
