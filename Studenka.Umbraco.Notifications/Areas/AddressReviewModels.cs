namespace Studenka.Umbraco.Notifications.Areas;

/// <summary>A street the register does not list that residents still live on: kept targetable until an administrator maps it.</summary>
/// <param name="Source">"seed" (first-start data) or "ruian" (a register street a later file no longer lists).</param>
public sealed record StreetNeedingMapping(long StreetId, string Name, long CityPartId, string CityPartName, string Source, int Addresses);

/// <summary>Streets residents typed because the list lacked them ("Moje ulice v seznamu chybí"), one entry per part and name.</summary>
public sealed record UnlistedStreet(long CityPartId, string CityPartName, string Name, int Addresses);

/// <summary>What administrators still have to map onto register streets.</summary>
public sealed record AddressesNeedingMapping(IReadOnlyList<StreetNeedingMapping> Streets, IReadOnlyList<UnlistedStreet> UnlistedStreets);

/// <summary>House numbers residents gave that no address point of the register has on that street and part.</summary>
public sealed record HouseNumberMismatch(long CityPartId, string CityPartName, long? StreetId, string? StreetName, string HouseNumber, int Addresses);

/// <summary>Residents' addresses moved from one street (or a typed name) onto a register street.</summary>
/// <param name="FromText">True when <paramref name="From"/> is a name a resident typed, not a street of the list.</param>
public sealed record AddressMove(string From, string FromPart, string To, string ToPart, int Addresses, bool FromText = false)
{
    public override string ToString() =>
        $"{(FromText ? "„" + From + "“ (napsaná obyvatelem)" : From)} ({FromPart}) → {To} ({ToPart}): {Addresses} {AddressWord(Addresses)}";

    public static string AddressWord(int count) => count switch
    {
        1 => "adresa",
        >= 2 and <= 4 => "adresy",
        _ => "adres",
    };
}

public enum MappingOutcome
{
    Done,
    Invalid,
    NotFound,
    Refused,
}

/// <summary>The answer to a mapping request; <see cref="Moved"/> is set when it was done.</summary>
public sealed record MappingResult(MappingOutcome Outcome, AddressMove? Moved = null, IReadOnlyDictionary<string, string>? Errors = null, string? Reason = null);
