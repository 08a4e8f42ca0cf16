using System.Globalization;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Areas;

public sealed class AreaRepository(IDbConnectionFactory connections)
{
    private static readonly StringComparer CzechOrder = StringComparer.Create(CultureInfo.GetCultureInfo("cs-CZ"), ignoreCase: true);

    /// <summary>City parts with their active streets, sorted the Czech way (Č after C, Ch after H).</summary>
    public async Task<AreaCatalog> GetCatalogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var parts = await connection.QueryAsync<CityPart>(new CommandDefinition(
            "SELECT id AS Id, ruian_code AS RuianCode, name AS Name FROM city_parts", cancellationToken: cancellationToken));
        var streets = await connection.QueryAsync<Street>(new CommandDefinition(
            "SELECT id AS Id, city_part_id AS CityPartId, name AS Name FROM streets WHERE is_active = 1", cancellationToken: cancellationToken));
        var byPart = streets.ToLookup(s => s.CityPartId);
        return new AreaCatalog(parts
            .OrderBy(p => p.Name, CzechOrder)
            .Select(p => new CityPartWithStreets(p, byPart[p.Id].OrderBy(s => s.Name, CzechOrder).ToList()))
            .ToList());
    }
}
