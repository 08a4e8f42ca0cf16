using System.Globalization;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Areas;

/// <param name="Source">"seed" (first-start data) or "ruian" (confirmed by the register).</param>
/// <param name="Active">False for a retired street: the register dropped it and nobody lived on it.</param>
public sealed record AreaStreetOverview(long Id, string Name, string Source, bool Active, bool NeedsMapping, long Subscribers);

public sealed record AreaPartOverview(long Id, long RuianCode, string Name, long Subscribers, IReadOnlyList<AreaStreetOverview> Streets);

/// <summary>Every city part and street (retired ones too) with the number of active subscribers living there.</summary>
public sealed record AreasOverview(long MunicipalityCode, IReadOnlyList<AreaPartOverview> Parts);

/// <summary>What the administrators' Areas view lists; the counts come from Subscriptions.</summary>
public sealed class AreaOverview(IDbConnectionFactory connections, AreaSubscriberCounts counts)
{
    private static readonly StringComparer CzechOrder = StringComparer.Create(CultureInfo.GetCultureInfo("cs-CZ"), ignoreCase: true);

    private sealed record PartRow(long Id, long RuianCode, string Name);

    private sealed record StreetRow(long Id, long CityPartId, string Name, string Source, long IsActive, long NeedsMapping);

    public async Task<AreasOverview> ReadAsync(long municipalityCode, CancellationToken cancellationToken)
    {
        IReadOnlyList<PartRow> parts;
        IReadOnlyList<StreetRow> streets;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            parts = (await connection.QueryAsync<PartRow>(new CommandDefinition(
                "SELECT id AS Id, ruian_code AS RuianCode, name AS Name FROM city_parts", cancellationToken: cancellationToken))).ToList();
            streets = (await connection.QueryAsync<StreetRow>(new CommandDefinition(
                "SELECT id AS Id, city_part_id AS CityPartId, name AS Name, source AS Source, is_active AS IsActive, needs_mapping AS NeedsMapping FROM streets",
                cancellationToken: cancellationToken))).ToList();
        }

        var subscribers = await counts.ReadAsync(cancellationToken);
        var byPart = streets.ToLookup(s => s.CityPartId);
        return new AreasOverview(municipalityCode, parts
            .OrderBy(p => p.Name, CzechOrder)
            .Select(p => new AreaPartOverview(p.Id, p.RuianCode, p.Name, subscribers.ByCityPart.GetValueOrDefault(p.Id), byPart[p.Id]
                .OrderBy(s => s.Name, CzechOrder)
                .Select(s => new AreaStreetOverview(s.Id, s.Name, s.Source, s.IsActive == 1, s.NeedsMapping == 1, subscribers.ByStreet.GetValueOrDefault(s.Id)))
                .ToList()))
            .ToList());
    }
}
