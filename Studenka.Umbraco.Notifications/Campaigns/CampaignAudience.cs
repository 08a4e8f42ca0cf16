namespace Studenka.Umbraco.Notifications.Campaigns;

/// <summary>
/// Who a campaign is for: subscribers of the package (and of package 5, who receive everything),
/// limited to the given city parts and streets when any are given (one matching address is enough).
/// </summary>
public sealed record CampaignAudience(int PackageId, IReadOnlyList<long> CityPartIds, IReadOnlyList<long> StreetIds)
{
    public bool IsWholeTown => CityPartIds.Count == 0 && StreetIds.Count == 0;
}
