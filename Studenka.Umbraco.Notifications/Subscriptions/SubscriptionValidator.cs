using System.Net.Mail;
using System.Text.RegularExpressions;
using Studenka.Umbraco.Notifications.Areas;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>The rules of a subscription, with the Czech message a resident sees for each.</summary>
public static partial class SubscriptionValidator
{
    public const int MaxAddresses = 3;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MinStreetNameLength = 2;
    public const int MaxStreetNameLength = 60;

    public static (SubscriptionDetails? Details, IReadOnlyList<FieldError> Errors) Validate(SubscriptionInput input, AreaCatalog areas, bool requireConsent)
    {
        var errors = new List<FieldError>();
        var name = CleanName(input.Name);
        if (name is not null && (name.Length > MaxNameLength || !NamePattern().IsMatch(name)))
        {
            errors.Add(new("Name", name.Length > MaxNameLength
                ? $"Jméno může mít nejvýše {MaxNameLength} znaků."
                : "Jméno může obsahovat jen písmena, mezery, tečku, pomlčku a apostrof."));
        }

        var email = Clean(input.Email) is { } typed ? EmailLinks.Normalize(typed) : null;
        if (email is not null && email.Length > MaxEmailLength)
        {
            errors.Add(new("Email", $"Zadejte platný e-mail: může mít nejvýše {MaxEmailLength} znaků."));
        }
        else if (email is not null && !IsEmail(email))
        {
            errors.Add(new("Email", "Zadejte platný e-mail, např. jana.novakova@example.cz, nebo pole nechte prázdné."));
        }

        var addresses = ValidateAddresses(input.Addresses, areas, errors);
        var packages = input.Packages ?? [];
        if (packages.Count == 0)
        {
            errors.Add(new("Packages", "Vyberte alespoň jeden balíček zpráv."));
        }
        else if (packages.Any(p => !TopicPackages.Exists(p)))
        {
            errors.Add(new("Packages", "Vybraný balíček zpráv neexistuje."));
        }

        if (requireConsent && !input.Consent)
        {
            errors.Add(new("Consent", "Bez souhlasu se zpracováním údajů vám zprávy posílat nemůžeme."));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new SubscriptionDetails(name, email, addresses, TopicPackages.Normalize(packages), Channels(email, TopicPackages.Normalize(packages), input.Channels)), errors);
    }

    /// <summary>Without an e-mail everything goes by SMS; with one, a package the form did not say goes by SMS, crisis by both.</summary>
    private static Dictionary<int, PackageChannel>? Channels(string? email, IReadOnlyList<int> packages, IReadOnlyDictionary<int, PackageChannel>? chosen) =>
        email is null
            ? null
            : packages.ToDictionary(p => p, p => chosen?.TryGetValue(p, out var c) == true && Enum.IsDefined(c)
                ? c
                : p == TopicPackages.Crisis ? PackageChannel.Both : PackageChannel.Sms);

    private static List<ValidatedAddress> ValidateAddresses(IReadOnlyList<AddressInput>? inputs, AreaCatalog areas, List<FieldError> errors)
    {
        var result = new List<ValidatedAddress>();
        inputs ??= [];
        if (inputs.Count > MaxAddresses)
        {
            errors.Add(new("Addresses", $"Zadejte nejvýše {MaxAddresses} adresy."));
            return result;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var a = inputs[i];
            if (a is null || a.IsEmpty)
            {
                continue;
            }

            var field = $"Addresses[{i}]";
            if (a.PartId is not { } partId)
            {
                errors.Add(new($"{field}.PartId", $"Adresa {i + 1}: vyberte část obce."));
                continue;
            }

            if (areas.FindPart(partId) is not { } part)
            {
                errors.Add(new($"{field}.PartId", $"Adresa {i + 1}: taková část obce neexistuje."));
                continue;
            }

            if (ValidateStreet(a, i, part, errors) is not { } street)
            {
                continue;
            }

            var house = Clean(a.HouseNumber);
            var parsed = HouseNumber.Parse(house);
            if (house is not null && parsed is null)
            {
                errors.Add(new($"{field}.HouseNumber", $"Adresa {i + 1}: číslo domu zadejte jako {HouseNumber.FormatHint}, nebo pole nechte prázdné."));
                continue;
            }

            var address = new ValidatedAddress(result.Count + 1, partId, street.Id, parsed?.Canonical, street.Text);
            if (result.Any(r => r.PartId == address.PartId && r.StreetId == address.StreetId && r.HouseNumber == address.HouseNumber
                && StreetKey(r.StreetText) == StreetKey(address.StreetText)))
            {
                errors.Add(new($"{field}.PartId", $"Adresa {i + 1} je stejná jako jedna z předchozích."));
                continue;
            }

            result.Add(address);
        }

        if (result.Count == 0 && !errors.Any(e => e.Field.StartsWith("Addresses", StringComparison.Ordinal)))
        {
            errors.Add(new("Addresses[0].PartId", "Zadejte alespoň jednu adresu: část obce a ulici."));
        }

        return result;
    }

    /// <summary>The chosen street, the typed one ("Moje ulice v seznamu chybí"), or none where the part has no streets; null after an error.</summary>
    private static (long? Id, string? Text)? ValidateStreet(AddressInput a, int i, CityPartWithStreets part, List<FieldError> errors)
    {
        var field = $"Addresses[{i}]";
        var typed = Clean(a.StreetName);
        if (a.StreetMissing || (typed is not null && a.StreetId is null))
        {
            return ValidateTypedStreet(a, typed, i, part, errors);
        }

        if (part.HasStreets && a.StreetId is null)
        {
            errors.Add(new($"{field}.StreetId", $"Adresa {i + 1}: vyberte ulici v části {part.Part.Name}, nebo zaškrtněte „Moje ulice v seznamu chybí“ a napište její název."));
            return null;
        }

        if (a.StreetId is { } streetId && part.Streets.All(s => s.Id != streetId))
        {
            errors.Add(new($"{field}.StreetId", part.HasStreets
                ? $"Adresa {i + 1}: vybraná ulice neleží v části {part.Part.Name}."
                : $"Adresa {i + 1}: část {part.Part.Name} nemá ulice, ulici nevybírejte."));
            return null;
        }

        if (typed is not null)
        {
            errors.Add(new($"{field}.StreetName", $"Adresa {i + 1}: vyberte ulici ze seznamu, nebo napište její název – ne obojí."));
            return null;
        }

        return (a.StreetId, null);
    }

    private static (long? Id, string? Text)? ValidateTypedStreet(AddressInput a, string? typed, int i, CityPartWithStreets part, List<FieldError> errors)
    {
        var field = $"Addresses[{i}].StreetName";
        string? error = null;
        if (!part.HasStreets)
        {
            error = $"Adresa {i + 1}: část {part.Part.Name} nemá ulice, název ulice nevyplňujte.";
        }
        else if (a.StreetId is not null)
        {
            error = $"Adresa {i + 1}: vyberte ulici ze seznamu, nebo napište její název – ne obojí.";
        }
        else if (typed is null)
        {
            error = $"Adresa {i + 1}: napište název ulice, která v seznamu chybí.";
        }
        else if (StreetNames.Tidy(typed) is var tidy && (tidy.Length is < MinStreetNameLength or > MaxStreetNameLength || !StreetNamePattern().IsMatch(tidy)))
        {
            error = tidy.Length > MaxStreetNameLength
                ? $"Adresa {i + 1}: název ulice může mít nejvýše {MaxStreetNameLength} znaků."
                : $"Adresa {i + 1}: název ulice může obsahovat písmena, číslice, mezery, tečku, čárku, pomlčku a apostrof (např. 17. listopadu).";
        }

        if (error is not null)
        {
            errors.Add(new(field, error));
            return null;
        }

        // A typed name the list does have ("nam. Republiky" for "nám. Republiky") is that street.
        var tidyName = StreetNames.Tidy(typed!);
        var known = part.Streets.FirstOrDefault(s => StreetNames.Key(s.Name) == StreetNames.Key(tidyName));
        return known is null ? (null, tidyName) : (known.Id, null);
    }

    private static string? StreetKey(string? text) => text is null ? null : StreetNames.Key(text);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Phones type ’ for an apostrophe and pasted text may carry decomposed letters (a + ◌́): both are
    /// stored as typed on a keyboard. A lone surrogate (never a letter) is left for the pattern to refuse.
    /// </summary>
    private static string? CleanName(string? value) =>
        Clean(value) is { } name && !name.Any(char.IsSurrogate) ? name.Normalize(System.Text.NormalizationForm.FormC).Replace('\u2019', '\'') : Clean(value);

    // RFC 5321: a local part of at most 64 octets; System.Net.Mail accepts longer ones no server delivers.
    private static bool IsEmail(string value) =>
        value.Length <= MaxEmailLength
        && value.IndexOf('@') is > 0 and <= 64
        && EmailPattern().IsMatch(value)
        && MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value;

    [GeneratedRegex(@"^[\p{L}][\p{L} .'\-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^\s@<>""]+@[^\s@<>""]+\.[^\s@<>""]+$")]
    private static partial Regex EmailPattern();

    // At least two letters: "12" or "--" is not a street name; digits are for names such as "2. května".
    [GeneratedRegex(@"^(?=(?:.*\p{L}){2})[\p{L}\p{M}0-9][\p{L}\p{M}0-9 .,'’\-]*$")]
    private static partial Regex StreetNamePattern();
}
