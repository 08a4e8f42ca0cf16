using System.Data.Common;
using System.Globalization;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

internal sealed record ReconciliationChanges(IReadOnlyList<AddressMove> Moves, IReadOnlyList<string> Retired);

/// <summary>
/// Streets the file does not contain, and streets residents typed: matched to a register street by
/// <see cref="StreetNames.Key"/> within the municipality (the same part first, else the only street of
/// that name), and their addresses moved onto it and its part. What cannot be matched but is lived on
/// stays active, marked as needing mapping; what nobody uses is retired.
/// </summary>
internal static class RuianStreetReconciliation
{
    private static readonly StringComparer CzechOrder = StringComparer.Create(CultureInfo.GetCultureInfo("cs-CZ"), ignoreCase: true);

    public static async Task<ReconciliationChanges> ReconcileAsync(DbConnection connection, DbTransaction transaction, StreetChanges streets, CancellationToken cancellationToken)
    {
        var byKey = streets.Register.ToLookup(s => s.Key);
        var moves = new List<AddressMove>();
        var retired = new List<string>();
        foreach (var street in streets.NotInFile.Where(s => s.Active || s.Addresses > 0))
        {
            var target = Match(byKey, StreetNames.Key(street.Name), street.PartCode);
            if (target is null && street.Addresses > 0)
            {
                if (!street.Active || street.NeedsMapping == 0)
                {
                    // Never retired under its residents: campaigns must still reach them until someone maps it.
                    await SetAsync(connection, transaction, street.Id, active: true, needsMapping: true, cancellationToken);
                }

                continue;
            }

            if (target is not null)
            {
                if (street.Addresses > 0)
                {
                    var moved = await AddressMapping.MoveStreetAsync(connection, transaction, street.Id, target.Id, target.PartId, cancellationToken);
                    moves.Add(new AddressMove(street.Name, street.PartName, target.Name, target.PartName, moved));
                }

                await CampaignRepository.RetargetStreetAsync(connection, transaction, street.Id, target.Id, cancellationToken);
            }

            await SetAsync(connection, transaction, street.Id, active: false, needsMapping: false, cancellationToken);
            retired.Add($"{street.Name} ({street.PartName})");
        }

        var typed = await SubscriberAddressReads.TypedStreetsAsync(connection, transaction, null, cancellationToken);
        foreach (var group in typed.GroupBy(t => (t.PartCode, Key: StreetNames.Key(t.Text))))
        {
            if (Match(byKey, group.Key.Key, group.Key.PartCode) is { } target)
            {
                var moved = await AddressMapping.MoveTypedAsync(connection, transaction, group, target.Id, target.PartId, cancellationToken);
                moves.Add(new AddressMove(group.First().Text, group.First().PartName, target.Name, target.PartName, moved, FromText: true));
            }
        }

        return new ReconciliationChanges(
            moves.OrderBy(m => m.From, CzechOrder).ThenBy(m => m.FromPart, CzechOrder).ToList(),
            retired.Order(CzechOrder).ToList());
    }

    /// <summary>The register street of that name in the same part, else the only one of that name in the municipality.</summary>
    private static RegisterStreet? Match(ILookup<string, RegisterStreet> byKey, string key, long partCode)
    {
        var candidates = byKey[key].ToList();
        return candidates.FirstOrDefault(c => c.PartCode == partCode) ?? (candidates.Count == 1 ? candidates[0] : null);
    }

    private static Task SetAsync(DbConnection connection, DbTransaction transaction, long id, bool active, bool needsMapping, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE streets SET is_active = @active, needs_mapping = @needsMapping WHERE id = @id",
            new { id, active = active ? 1 : 0, needsMapping = needsMapping ? 1 : 0 }, transaction, cancellationToken: cancellationToken));
}
