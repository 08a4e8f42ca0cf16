using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// Who is subscribed to what, where, by which channel: the query other features build on (Delivery's
/// snapshot and the campaign preview's count). Subscriptions owns the subscriber tables, so their SQL lives here.
/// </summary>
public static class SubscriberAudience
{
    /// <summary>
    /// The condition under which a subscriber row <c>s</c>'s e-mail may receive anything but its
    /// verification link: verified, and not refused for good by the SMTP server since.
    /// </summary>
    public const string EmailUsable = "s.email IS NOT NULL AND s.email_verified_at_ms IS NOT NULL AND s.email_bounced_at_ms IS NULL";

    /// <summary>
    /// A SELECT of <c>(channel, address)</c> rows: <c>('sms', phone)</c> per active subscriber whose row of
    /// <c>@PackageId</c> (or of "Vše", who receive everything) has by_sms, <c>('email', e-mail)</c> per active
    /// subscriber whose matching row has by_email and whose e-mail is usable; with an address in
    /// <c>@CityPartIds</c> or on <c>@StreetIds</c>, or anywhere when <c>@WholeTown</c> = 1. Phones and
    /// verified e-mails are unique per subscriber, so every (channel, address) comes once.
    /// </summary>
    public static string RecipientsSql(SqlDialect dialect)
    {
        var where = $"""
            s.status = 'active'
              AND (@WholeTown = 1 OR EXISTS (SELECT 1 FROM subscriber_addresses a
                          WHERE a.subscriber_id = s.id AND ({dialect.InList("a.city_part_id", "@CityPartIds")} OR {dialect.InList("a.street_id", "@StreetIds")})))
            """;
        return $"""
            SELECT 'sms' AS channel, s.phone AS address FROM subscribers s
            WHERE {where} AND {Chooses("by_sms")}
            UNION ALL
            SELECT 'email' AS channel, s.email AS address FROM subscribers s
            WHERE {where} AND {EmailUsable} AND {Chooses("by_email")}
            """;
    }

    /// <summary>
    /// A condition: the (channel, address) in <paramref name="channel"/> and <paramref name="address"/> still
    /// belongs to an active subscriber of <c>@PackageId</c> (or of "Vše") who receives it by that channel;
    /// with <c>@Everything</c> = <see cref="TopicPackages.Everything"/>.
    /// </summary>
    public static string StillSubscribed(string channel, string address) => $"""
        (({channel} = 'sms' AND EXISTS (SELECT 1 FROM subscribers s
                WHERE s.phone = {address} AND s.status = 'active' AND {Chooses("by_sms")}))
         OR ({channel} = 'email' AND EXISTS (SELECT 1 FROM subscribers s
                WHERE s.email = {address} AND s.status = 'active' AND {EmailUsable} AND {Chooses("by_email")})))
        """;

    /// <summary>The parameters of <see cref="RecipientsSql"/>; empty lists of both city parts and streets mean the whole town.</summary>
    public static DynamicParameters Parameters(int packageId, IReadOnlyList<long> cityPartIds, IReadOnlyList<long> streetIds) => new(new
    {
        PackageId = packageId,
        Everything = TopicPackages.Everything,
        WholeTown = cityPartIds.Count == 0 && streetIds.Count == 0 ? 1 : 0,
        CityPartIds = cityPartIds,
        StreetIds = streetIds,
    });

    /// <summary>Subscriber <c>s</c> has a row of the package (or of "Vše") with <paramref name="flag"/> set.</summary>
    private static string Chooses(string flag) => $"""
        EXISTS (SELECT 1 FROM subscriber_packages sp
                WHERE sp.subscriber_id = s.id AND sp.package_id IN (@PackageId, @Everything) AND sp.{flag} = 1)
        """;
}
