using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// What administrators look up about subscribers: a search by number or street, the counts the town
/// asks for, and every subscriber for the export. Reads only; only administrators get here.
/// </summary>
public sealed class SubscriberDirectory(IDbConnectionFactory connections, PhoneNumberNormalizer phones)
{
    public const int MaxTake = 200;

    /// <summary>
    /// A query that is a phone number in any format finds that number; digits alone find numbers that
    /// contain them; anything else finds subscribers with an address on a street (listed or typed)
    /// whose name contains it, without regard to case or diacritics ("kostelni" finds "Kostelní").
    /// </summary>
    public async Task<SubscriberPage> SearchAsync(string? query, int skip, int take, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var filter = await FilterAsync(connection, query?.Trim(), cancellationToken);
        var d = connections.Dialect;
        var where = $"""
            WHERE (@Phone IS NULL OR s.phone = @Phone)
              AND (@Digits IS NULL OR s.phone LIKE @Digits)
              AND (@ByStreet = 0 OR EXISTS (SELECT 1 FROM subscriber_addresses a WHERE a.subscriber_id = s.id
                   AND ({d.InList("a.street_id", "@StreetIds")} OR {d.InList("a.street_text", "@Texts")})))
            """;
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM subscribers s {where}", filter, cancellationToken: cancellationToken));
        var items = await ItemsAsync(connection, $"{where} ORDER BY s.id DESC LIMIT @Take OFFSET @Skip", filter with { Take = take, Skip = skip }, cancellationToken);
        return new SubscriberPage((int)total, skip, take, items);
    }

    /// <summary>Every subscriber, oldest first, for the CSV export.</summary>
    public async Task<IReadOnlyList<SubscriberListItem>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ItemsAsync(connection, "ORDER BY s.id", new { }, cancellationToken);
    }

    public async Task<SubscriberCounts> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var statuses = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM subscribers GROUP BY status", cancellationToken: cancellationToken))).ToDictionary(r => r.Status, r => (int)r.Count);
        var packages = (await connection.QueryAsync<(long Id, long Count)>(new CommandDefinition("""
            SELECT sp.package_id, COUNT(*) FROM subscriber_packages sp JOIN subscribers s ON s.id = sp.subscriber_id AND s.status = 'active'
            GROUP BY sp.package_id
            """, cancellationToken: cancellationToken))).ToDictionary(r => (int)r.Id, r => (int)r.Count);
        var parts = await connection.QueryAsync<(long Id, string Name, long Count)>(new CommandDefinition("""
            SELECT p.id, p.name, (SELECT COUNT(DISTINCT a.subscriber_id) FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id AND s.status = 'active'
                                  WHERE a.city_part_id = p.id)
            FROM city_parts p ORDER BY p.name
            """, cancellationToken: cancellationToken));
        var streets = await connection.QueryAsync<(long Id, string Name, long PartId, string PartName, long Count)>(new CommandDefinition("""
            SELECT st.id, st.name, p.id, p.name, COUNT(DISTINCT a.subscriber_id)
            FROM subscriber_addresses a
            JOIN subscribers s ON s.id = a.subscriber_id AND s.status = 'active'
            JOIN streets st ON st.id = a.street_id
            JOIN city_parts p ON p.id = st.city_part_id
            GROUP BY st.id, st.name, p.id, p.name
            ORDER BY p.name, st.name
            """, cancellationToken: cancellationToken));
        var typed = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COUNT(DISTINCT a.subscriber_id) FROM subscriber_addresses a JOIN subscribers s ON s.id = a.subscriber_id AND s.status = 'active'
            WHERE a.street_text IS NOT NULL
            """, cancellationToken: cancellationToken));
        return new SubscriberCounts(
            statuses.GetValueOrDefault(SubscriberStatus.Active), statuses.GetValueOrDefault(SubscriberStatus.Pending), (int)typed,
            TopicPackages.All.Select(p => new PackageCount(p.Id, p.Name, packages.GetValueOrDefault(p.Id))).ToList(),
            parts.Select(p => new CityPartCount(p.Id, p.Name, (int)p.Count)).ToList(),
            streets.Select(s => new StreetCount(s.Id, s.Name, s.PartId, s.PartName, (int)s.Count)).ToList());
    }

    private sealed record Filter(string? Phone, string? Digits, int ByStreet, IReadOnlyList<long> StreetIds, IReadOnlyList<string> Texts)
    {
        public int Take { get; init; }

        public int Skip { get; init; }
    }

    private async Task<Filter> FilterAsync(DbConnection connection, string? query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query))
        {
            return new(null, null, 0, [], []);
        }

        if (phones.Normalize(query) is { IsValid: true } phone)
        {
            return new(phone.E164, null, 0, [], []);
        }

        var digits = new string(query.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length > 0 && query.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '/' or '(' or ')'))
        {
            return new(null, "%" + digits + "%", 0, [], []);
        }

        // Street names are compared as residents' typed names are mapped (StreetNames.Key), which SQL LIKE cannot do on both engines.
        var key = StreetNames.Key(query);
        var streets = await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM streets", cancellationToken: cancellationToken));
        var texts = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT street_text FROM subscriber_addresses WHERE street_text IS NOT NULL", cancellationToken: cancellationToken));
        return new(null, null, 1,
            streets.Where(s => StreetNames.Key(s.Name).Contains(key, StringComparison.Ordinal)).Select(s => s.Id).ToList(),
            texts.Where(t => StreetNames.Key(t).Contains(key, StringComparison.Ordinal)).ToList());
    }

    private static async Task<List<SubscriberListItem>> ItemsAsync(DbConnection connection, string whereAndOrder, object parameters, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(long Id, string Phone, string? Name, string? Email, string Status, string ConsentVersion, long ConsentAtMs, long CreatedAtMs, long? ActivatedAtMs, string? WrittenConsentBy, long? VerifiedMs, long? BouncedMs)>(
            new CommandDefinition($"""
                SELECT s.id, s.phone, s.name, s.email, s.status, s.consent_version, s.consent_at_ms, s.created_at_ms, s.activated_at_ms, s.written_consent_by,
                       s.email_verified_at_ms, s.email_bounced_at_ms
                FROM subscribers s {whereAndOrder}
                """, parameters, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var inIds = SqlDialect.For(connection).InList("subscriber_id", "@ids");
        var choices = (await connection.QueryAsync<(long SubscriberId, long PackageId, long ByEmail)>(new CommandDefinition(
            $"SELECT subscriber_id, package_id, by_email FROM subscriber_packages WHERE {inIds} ORDER BY package_id", new { ids }, cancellationToken: cancellationToken))).ToList();
        var packages = choices.ToLookup(p => p.SubscriberId, p => (int)p.PackageId);
        var byEmail = choices.Where(p => p.ByEmail == 1).ToLookup(p => p.SubscriberId, p => (int)p.PackageId);
        var addresses = (await connection.QueryAsync<(long SubscriberId, long Position, long PartId, string PartName, long? StreetId, string? StreetName, string? HouseNumber, string? StreetText)>(new CommandDefinition($"""
            SELECT a.subscriber_id, a.position, a.city_part_id, p.name, a.street_id, st.name, a.house_number, a.street_text
            FROM subscriber_addresses a JOIN city_parts p ON p.id = a.city_part_id LEFT JOIN streets st ON st.id = a.street_id
            WHERE {SqlDialect.For(connection).InList("a.subscriber_id", "@ids")} ORDER BY a.subscriber_id, a.position
            """, new { ids }, cancellationToken: cancellationToken)))
            .ToLookup(a => a.SubscriberId, a => new SubscriberAddress(a.Position, a.PartId, a.PartName, a.StreetId, a.StreetName, a.HouseNumber, a.StreetText).Display);
        return rows.Select(r => new SubscriberListItem(r.Id, r.Phone, r.Name, r.Email, r.Status, packages[r.Id].ToList(), addresses[r.Id].ToList(), r.ConsentVersion,
            DateTimeOffset.FromUnixTimeMilliseconds(r.ConsentAtMs), DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs),
            r.ActivatedAtMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null, r.WrittenConsentBy,
            EmailStates.Czech(r.Email, r.VerifiedMs is not null, r.BouncedMs is not null), r.Email is null ? [] : byEmail[r.Id].ToList())).ToList();
    }
}
