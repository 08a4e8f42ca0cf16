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

        var email = Clean(input.Email);
        if (email is not null && !IsEmail(email))
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
            : (new SubscriptionDetails(name, email, addresses, TopicPackages.Normalize(packages)), errors);
    }

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

            if (part.HasStreets && a.StreetId is null)
            {
                errors.Add(new($"{field}.StreetId", $"Adresa {i + 1}: vyberte ulici v části {part.Part.Name}."));
                continue;
            }

            if (a.StreetId is { } streetId && part.Streets.All(s => s.Id != streetId))
            {
                errors.Add(new($"{field}.StreetId", part.HasStreets
                    ? $"Adresa {i + 1}: vybraná ulice neleží v části {part.Part.Name}."
                    : $"Adresa {i + 1}: část {part.Part.Name} nemá ulice, ulici nevybírejte."));
                continue;
            }

            var house = Clean(a.HouseNumber);
            if (house is not null && !HouseNumberPattern().IsMatch(house))
            {
                errors.Add(new($"{field}.HouseNumber", $"Adresa {i + 1}: číslo domu zadejte jako 762 nebo 1234/5a."));
                continue;
            }

            var address = new ValidatedAddress(result.Count + 1, partId, a.StreetId, house);
            if (result.Any(r => r.PartId == address.PartId && r.StreetId == address.StreetId && r.HouseNumber == address.HouseNumber))
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

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Phones type ’ for an apostrophe and pasted text may carry decomposed letters (a + ◌́): both are
    /// stored as typed on a keyboard. A lone surrogate (never a letter) is left for the pattern to refuse.
    /// </summary>
    private static string? CleanName(string? value) =>
        Clean(value) is { } name && !name.Any(char.IsSurrogate) ? name.Normalize(System.Text.NormalizationForm.FormC).Replace('\u2019', '\'') : Clean(value);

    private static bool IsEmail(string value) =>
        value.Length <= MaxEmailLength
        && EmailPattern().IsMatch(value)
        && MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value;

    [GeneratedRegex(@"^[\p{L}][\p{L} .'\-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^\s@<>""]+@[^\s@<>""]+\.[^\s@<>""]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9]{1,5}(?:/[0-9]{1,4}[a-zA-Z]?)?$")]
    private static partial Regex HouseNumberPattern();
}
