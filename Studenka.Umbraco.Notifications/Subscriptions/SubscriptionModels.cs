using Studenka.Umbraco.Notifications.Areas;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>An address slot as typed in the form; all parts may be missing or wrong.</summary>
/// <param name="StreetMissing">"Moje ulice v seznamu chybí": the resident types <paramref name="StreetName"/> instead of choosing.</param>
public sealed record AddressInput(long? PartId, long? StreetId, string? HouseNumber, bool StreetMissing = false, string? StreetName = null)
{
    public bool IsEmpty => PartId is null && StreetId is null && string.IsNullOrWhiteSpace(HouseNumber) && string.IsNullOrWhiteSpace(StreetName);
}

/// <summary>What a resident submitted, unvalidated. <see cref="Phone"/> and <see cref="Consent"/> are ignored when editing.</summary>
public sealed record SubscriptionInput(
    string? Phone,
    string? Name,
    string? Email,
    IReadOnlyList<AddressInput> Addresses,
    IReadOnlyList<int> Packages,
    bool Consent,
    IReadOnlyDictionary<int, PackageChannel>? Channels = null);

/// <summary>How one package reaches the resident. Without an e-mail every package is <see cref="Sms"/>.</summary>
public enum PackageChannel
{
    Sms,
    Email,
    Both,
}

/// <param name="HouseNumber">The canonical form (<see cref="Areas.HouseNumber.Canonical"/>).</param>
/// <param name="StreetText">A street missing from the list, as the resident named it; <paramref name="StreetId"/> is then null.</param>
public sealed record ValidatedAddress(int Position, long PartId, long? StreetId, string? HouseNumber, string? StreetText = null)
{
    /// <summary>The parts of <see cref="HouseNumber"/> (the canonical form reads back to the same parts).</summary>
    public HouseNumber? House => Areas.HouseNumber.Parse(HouseNumber);
}

/// <summary>A subscription that passed every rule; the only shape the repository accepts.</summary>
/// <param name="Email">Normalized (<see cref="EmailLinks.Normalize"/>).</param>
/// <param name="Channels">Per package; a package missing here (or any package without an e-mail) goes by SMS.</param>
public sealed record SubscriptionDetails(
    string? Name,
    string? Email,
    IReadOnlyList<ValidatedAddress> Addresses,
    IReadOnlyList<int> Packages,
    IReadOnlyDictionary<int, PackageChannel>? Channels = null)
{
    public PackageChannel ChannelOf(int package) =>
        Email is null ? PackageChannel.Sms : Channels?.GetValueOrDefault(package, PackageChannel.Sms) ?? PackageChannel.Sms;
}

/// <summary>A Czech message for one form field (field names follow the form: <c>Addresses[0].StreetId</c>).</summary>
public sealed record FieldError(string Field, string Message);

/// <param name="StreetText">A street the resident named because the list lacked it (then <paramref name="StreetName"/> is null).</param>
public sealed record SubscriberAddress(long Position, long PartId, string PartName, long? StreetId, string? StreetName, string? HouseNumber, string? StreetText = null)
{
    public string Display => (StreetName ?? StreetText) is not { } street
        ? $"{PartName}{(HouseNumber is null ? string.Empty : " " + HouseNumber)}"
        : $"{street}{(HouseNumber is null ? string.Empty : " " + HouseNumber)}, {PartName}";
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
    DateTimeOffset? ActivatedAt,
    IReadOnlyDictionary<int, PackageChannel>? Channels = null,
    DateTimeOffset? EmailVerifiedAt = null,
    DateTimeOffset? EmailBouncedAt = null)
{
    public PackageChannel ChannelOf(int package) => Channels?.GetValueOrDefault(package, PackageChannel.Sms) ?? PackageChannel.Sms;

    /// <summary>Campaigns may go to the e-mail (<see cref="SubscriberAudience.EmailUsable"/>).</summary>
    public bool EmailUsable => Email is not null && EmailVerifiedAt is not null && EmailBouncedAt is null;

    public string? EmailState => EmailStates.Czech(Email, EmailVerifiedAt is not null, EmailBouncedAt is not null);
}

/// <summary>The Czech words residents and administrators read for an e-mail's state and a package's channel.</summary>
public static class EmailStates
{
    public static string? Czech(string? email, bool verified, bool bounced) =>
        email is null ? null : bounced ? "odmítnutý poštovním serverem" : verified ? "potvrzený" : "čeká na potvrzení";

    public static string Czech(PackageChannel channel) => channel switch
    {
        PackageChannel.Email => "e-mail",
        PackageChannel.Both => "SMS i e-mail",
        _ => "SMS",
    };
}

/// <summary>A subscriber row's status (the schema's CHECK): waiting for its code, or receiving messages.</summary>
public static class SubscriberStatus
{
    public const string Pending = "pending";
    public const string Active = "active";
}
