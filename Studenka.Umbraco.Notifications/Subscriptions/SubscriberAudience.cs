using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// Who is subscribed to what, where: the query other features build on (Delivery's snapshot and the
/// campaign preview's count). Subscriptions owns the subscriber tables, so their SQL lives here.
/// </summary>
public static class SubscriberAudience
{
    /// <summary>
    /// A SELECT of one <c>phone</c> per active subscriber of <c>@PackageId</c> (or of "Vše", who
    /// receive everything) with an address in <c>@CityPartIds</c> or on <c>@StreetIds</c>, or anywhere
    /// when <c>@WholeTown</c> = 1. Phones are unique per subscriber, so every phone comes once.
    /// </summary>
    public static string PhonesSql(SqlDialect dialect) => $"""
        SELECT s.phone FROM subscribers s
        WHERE s.status = 'active'
          AND EXISTS (SELECT 1 FROM subscriber_packages sp
                      WHERE sp.subscriber_id = s.id AND sp.package_id IN (@PackageId, @Everything))
          AND (@WholeTown = 1 OR EXISTS (SELECT 1 FROM subscriber_addresses a
                      WHERE a.subscriber_id = s.id AND ({dialect.InList("a.city_part_id", "@CityPartIds")} OR {dialect.InList("a.street_id", "@StreetIds")})))
        """;

    /// <summary>
    /// A condition: the phone in <paramref name="phone"/> still belongs to an active subscriber of
    /// <c>@PackageId</c> (or of "Vše"); with <c>@Everything</c> = <see cref="TopicPackages.Everything"/>.
    /// </summary>
    public static string StillSubscribed(string phone) => $"""
        EXISTS (SELECT 1 FROM subscribers s JOIN subscriber_packages sp ON sp.subscriber_id = s.id
                WHERE s.phone = {phone} AND s.status = 'active' AND sp.package_id IN (@PackageId, @Everything))
        """;

    /// <summary>The parameters of <see cref="PhonesSql"/>; empty lists of both city parts and streets mean the whole town.</summary>
    public static DynamicParameters Parameters(int packageId, IReadOnlyList<long> cityPartIds, IReadOnlyList<long> streetIds) => new(new
    {
        PackageId = packageId,
        Everything = TopicPackages.Everything,
        WholeTown = cityPartIds.Count == 0 && streetIds.Count == 0 ? 1 : 0,
        CityPartIds = cityPartIds,
        StreetIds = streetIds,
    });
}
