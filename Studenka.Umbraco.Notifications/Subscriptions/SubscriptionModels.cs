namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>An address slot as typed in the form; all parts may be missing or wrong.</summary>
public sealed record AddressInput(long? PartId, long? StreetId, string? HouseNumber)
{
    public bool IsEmpty => PartId is null && StreetId is null && string.IsNullOrWhiteSpace(HouseNumber);
}

/// <summary>What a resident submitted, unvalidated. <see cref="Phone"/> and <see cref="Consent"/> are ignored when editing.</summary>
public sealed record SubscriptionInput(
    string? Phone,
    string? Name,
    string? Email,
    IReadOnlyList<AddressInput> Addresses,
    IReadOnlyList<int> Packages,
    bool Consent);

public sealed record ValidatedAddress(int Position, long PartId, long? StreetId, string? HouseNumber);

/// <summary>A subscription that passed every rule; the only shape the repository accepts.</summary>
public sealed record SubscriptionDetails(
    string? Name,
    string? Email,
    IReadOnlyList<ValidatedAddress> Addresses,
    IReadOnlyList<int> Packages);

/// <summary>A Czech message for one form field (field names follow the form: <c>Addresses[0].StreetId</c>).</summary>
public sealed record FieldError(string Field, string Message);

public sealed record SubscriberAddress(long Position, long PartId, string PartName, long? StreetId, string? StreetName, string? HouseNumber)
{
    public string Display => StreetName is null
        ? $"{PartName}{(HouseNumber is null ? string.Empty : " " + HouseNumber)}"
        : $"{StreetName}{(HouseNumber is null ? string.Empty : " " + HouseNumber)}, {PartName}";
}

/// <summary>A stored subscriber as the resident may see and download it.</summary>
public sealed record Subscriber(
    long Id,
    string Phone,
    string? Name,
    string? Email,
    string Status,
    IReadOnlyList<int> Packages,
    IReadOnlyList<SubscriberAddress> Addresses,
    string ConsentVersion,
    DateTimeOffset ConsentAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt);
