namespace Studenka.Umbraco.Notifications.Areas;

public sealed record CityPart(long Id, long RuianCode, string Name);

public sealed record Street(long Id, long CityPartId, string Name);

/// <summary>A city part with its active streets, as residents choose them.</summary>
public sealed record CityPartWithStreets(CityPart Part, IReadOnlyList<Street> Streets)
{
    /// <summary>Parts numbered without a street network (Nová Horka) take no street.</summary>
    public bool HasStreets => Streets.Count > 0;
}

/// <summary>Everything the form needs to offer addresses, in display order.</summary>
public sealed record AreaCatalog(IReadOnlyList<CityPartWithStreets> Parts)
{
    public CityPartWithStreets? FindPart(long partId) => Parts.FirstOrDefault(p => p.Part.Id == partId);
}
