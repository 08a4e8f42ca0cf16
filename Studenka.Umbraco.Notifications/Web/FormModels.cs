using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>The posted form, bound by MVC. Everything is optional here; the validator decides.</summary>
public sealed class SubscriptionFormModel
{
    public string? Phone { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public List<AddressFormModel> Addresses { get; set; } = [];
    public List<int> Packages { get; set; } = [];

    /// <summary>Per package: SMS, e-mail or both (form fields <c>Channels[1]</c>…); ignored without an e-mail.</summary>
    public Dictionary<int, PackageChannel> Channels { get; set; } = [];

    public bool Consent { get; set; }

    /// <summary>Honeypot: hidden from people, filled in by bots.</summary>
    public string? Website { get; set; }

    public SubscriptionInput ToInput() => new(
        Phone, Name, Email,
        Addresses.Select(a => new AddressInput(a.PartId, a.StreetId, a.HouseNumber, a.StreetMissing, a.StreetName)).ToList(),
        Packages, Consent, Channels);

    public static SubscriptionFormModel From(Subscriber s) => new()
    {
        Name = s.Name,
        Email = s.Email,
        Addresses = s.Addresses.Select(a => new AddressFormModel
        {
            PartId = a.PartId, StreetId = a.StreetId, HouseNumber = a.HouseNumber, StreetMissing = a.StreetText is not null, StreetName = a.StreetText,
        }).ToList(),
        Packages = s.Packages.ToList(),
        Channels = s.Packages.ToDictionary(p => p, s.ChannelOf),
    };

    /// <summary>What the form shows for a package: the choice made, else both for crisis and SMS for the rest.</summary>
    public PackageChannel ChannelShown(int package) =>
        Channels.TryGetValue(package, out var chosen) ? chosen : package == TopicPackages.Crisis ? PackageChannel.Both : PackageChannel.Sms;
}

public sealed class AddressFormModel
{
    public long? PartId { get; set; }
    public long? StreetId { get; set; }
    public string? HouseNumber { get; set; }

    /// <summary>"Moje ulice v seznamu chybí" is ticked: <see cref="StreetName"/> names the street.</summary>
    public bool StreetMissing { get; set; }

    public string? StreetName { get; set; }
}

public enum FormMode
{
    SignUp,
    Edit,
}

/// <summary>What the form component renders: values, errors and the choices offered.</summary>
public sealed record SubscriptionFormView(
    FormMode Mode,
    SubscriptionFormModel Form,
    IReadOnlyList<FieldError> Errors,
    AreaCatalog Areas,
    string PrivacyUrl,
    Subscriber? Stored = null)
{
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

public sealed record CodePageModel(string Token, string PhoneDisplay, string? Error = null, string? Notice = null);

public sealed record MessagePageModel(string Title, string Message, string? LinkUrl = null, string? LinkText = null);
