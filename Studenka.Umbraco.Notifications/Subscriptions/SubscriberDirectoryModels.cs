namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>One subscriber as administrators see it in the backoffice (and in the CSV export).</summary>
/// <param name="WrittenConsentBy">The operator who recorded a written consent at the town office, or null (the number was proven by its SMS code).</param>
/// <param name="EmailState">The e-mail's state in Czech (<see cref="EmailStates"/>), or null without an e-mail.</param>
/// <param name="EmailPackages">The packages that go (also) by e-mail; the others go by SMS only.</param>
public sealed record SubscriberListItem(
    long Id,
    string Phone,
    string? Name,
    string? Email,
    string Status,
    IReadOnlyList<int> Packages,
    IReadOnlyList<string> Addresses,
    string ConsentVersion,
    DateTimeOffset ConsentAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    string? WrittenConsentBy,
    string? EmailState = null,
    IReadOnlyList<int>? EmailPackages = null);

public sealed record SubscriberPage(int Total, int Skip, int Take, IReadOnlyList<SubscriberListItem> Items);

public sealed record PackageCount(int PackageId, string Name, int Subscribers);

public sealed record CityPartCount(long CityPartId, string Name, int Subscribers);

public sealed record StreetCount(long StreetId, string Name, long CityPartId, string CityPartName, int Subscribers);

/// <summary>Active subscribers per package, city part and street (a subscriber with two addresses in one part counts once there).</summary>
/// <param name="Typed">Active subscribers with at least one address on a street they typed ("missing from the list").</param>
public sealed record SubscriberCounts(
    int Active,
    int Pending,
    int Typed,
    IReadOnlyList<PackageCount> Packages,
    IReadOnlyList<CityPartCount> CityParts,
    IReadOnlyList<StreetCount> Streets);
