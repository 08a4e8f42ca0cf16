using System.Globalization;
using System.Text.Json.Serialization;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Everything stored about one resident (GDPR access and portability): shown on the data page and
/// downloaded as JSON. Times are in the town's zone, so the file reads like the page.
/// </summary>
public sealed record ResidentDataExport(
    [property: JsonPropertyName("telefon")] string Phone,
    [property: JsonPropertyName("jmeno")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("stavEmailu")] string? EmailState,
    [property: JsonPropertyName("stav")] string Status,
    [property: JsonPropertyName("balicky")] IReadOnlyList<ResidentDataExport.Package> Packages,
    [property: JsonPropertyName("adresy")] IReadOnlyList<ResidentDataExport.Address> Addresses,
    [property: JsonPropertyName("souhlas")] ResidentDataExport.Consent ConsentGiven,
    [property: JsonPropertyName("vytvoreno")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("overeno")] DateTimeOffset? ActivatedAt)
{
    private static readonly CultureInfo Czech = CultureInfo.GetCultureInfo("cs-CZ");

    public static ResidentDataExport From(Subscriber s, TownCalendar calendar) => new(
        s.Phone,
        s.Name,
        s.Email,
        s.EmailState,
        s.Status == "active" ? "aktivní" : "čeká na ověření",
        TopicPackages.All.Where(p => s.Packages.Contains(p.Id)).Select(p => new Package(p.Id, p.Name, EmailStates.Czech(s.ChannelOf(p.Id)))).ToList(),
        s.Addresses.Select(a => new Address(a.PartName, a.StreetName ?? a.StreetText, a.HouseNumber, a.Display)).ToList(),
        new Consent(s.ConsentVersion, calendar.ToLocal(s.ConsentAt)),
        calendar.ToLocal(s.CreatedAt),
        s.ActivatedAt is { } activated ? calendar.ToLocal(activated) : null);

    /// <summary>A time as Czech readers write it, e.g. "15. 6. 2027 11:03" (already in the town's zone).</summary>
    public static string Display(DateTimeOffset localTime) => localTime.ToString("d. M. yyyy H:mm", Czech);

    public sealed record Package(
        [property: JsonPropertyName("cislo")] int Id,
        [property: JsonPropertyName("nazev")] string Name,
        [property: JsonPropertyName("kanal")] string Channel);

    public sealed record Address(
        [property: JsonPropertyName("castObce")] string Part,
        [property: JsonPropertyName("ulice")] string? Street,
        [property: JsonPropertyName("cisloDomu")] string? HouseNumber,
        [property: JsonIgnore] string Display);

    public sealed record Consent(
        [property: JsonPropertyName("verzeTextu")] string TextVersion,
        [property: JsonPropertyName("udelen")] DateTimeOffset GivenAt);
}
