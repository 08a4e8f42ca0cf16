using System.Data.Common;
using System.Globalization;
using Dapper;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Areas;

/// <summary>
/// Administrators map what the register does not know onto a register street: a street kept for its
/// residents, or a street name residents typed. The residents' addresses move onto the chosen street
/// (and its city part) in one transaction with the audit entry.
/// </summary>
public sealed class AddressMapping(IDbConnectionFactory connections, AuditLog audit)
{
    private sealed record StreetInfo(long Id, string Name, long PartId, string PartName, long IsActive, long NeedsMapping);

    public async Task<MappingResult> MapStreetAsync(long streetId, long? targetStreetId, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindStreetAsync(connection, transaction, streetId, cancellationToken) is not { } from)
        {
            return new(MappingOutcome.NotFound, Reason: "Ulice s tímto id neexistuje.");
        }

        if (from.NeedsMapping != 1)
        {
            return new(MappingOutcome.Refused, Reason: $"Ulice „{from.Name}“ ({from.PartName}) na přiřazení nečeká: je v registru RÚIAN, nebo už byla přiřazena.");
        }

        var (target, errors) = await TargetAsync(connection, transaction, targetStreetId, cancellationToken);
        if (target is null)
        {
            return new(MappingOutcome.Invalid, Errors: errors);
        }

        var moved = await MoveStreetAsync(connection, transaction, from.Id, target.Id, target.PartId, cancellationToken);
        await CampaignRepository.RetargetStreetAsync(connection, transaction, from.Id, target.Id, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE streets SET is_active = 0, needs_mapping = 0 WHERE id = @Id", new { from.Id }, transaction, cancellationToken: cancellationToken));
        var move = new AddressMove(from.Name, from.PartName, target.Name, target.PartName, moved);
        await audit.AppendAsync(connection, transaction, actor, "areas.map-street", $"street:{from.Id}", move.ToString(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(MappingOutcome.Done, move);
    }

    public async Task<MappingResult> MapUnlistedAsync(long? cityPartId, string? name, long? targetStreetId, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (cityPartId is null)
        {
            errors["cityPartId"] = "Uveďte část obce, ve které obyvatelé ulici napsali.";
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = "Uveďte název ulice, jak ho obyvatelé napsali.";
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (target, targetErrors) = await TargetAsync(connection, transaction, targetStreetId, cancellationToken);
        foreach (var (field, message) in targetErrors)
        {
            errors[field] = message;
        }

        if (errors.Count > 0)
        {
            return new(MappingOutcome.Invalid, Errors: errors);
        }

        var key = StreetNames.Key(name!);
        var typed = (await SubscriberAddressReads.TypedStreetsAsync(connection, transaction, cityPartId, cancellationToken))
            .Where(t => StreetNames.Key(t.Text) == key).ToList();
        if (typed.Count == 0)
        {
            return new(MappingOutcome.NotFound, Reason: $"V této části obce žádný obyvatel ulici „{name!.Trim()}“ nenapsal (nebo už byla přiřazena).");
        }

        await MoveTypedAsync(connection, transaction, typed, target!.Id, target.PartId, cancellationToken);
        var move = new AddressMove(typed[0].Text, typed[0].PartName, target.Name, target.PartName, typed.Count, FromText: true);
        await audit.AppendAsync(connection, transaction, actor, "areas.map-unlisted-street",
            string.Create(CultureInfo.InvariantCulture, $"city-part:{cityPartId}"), move.ToString(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(MappingOutcome.Done, move);
    }

    /// <summary>Moves every address on one street onto another (and that street's part) through Subscriptions, which owns them; returns how many.</summary>
    internal static Task<int> MoveStreetAsync(DbConnection connection, DbTransaction transaction, long fromStreetId, long toStreetId, long toPartId, CancellationToken cancellationToken) =>
        SubscriberAddressMoves.MoveStreetAsync(connection, transaction, fromStreetId, toStreetId, toPartId, cancellationToken);

    /// <summary>Puts typed addresses on a register street (through Subscriptions).</summary>
    internal static Task<int> MoveTypedAsync(DbConnection connection, DbTransaction transaction, IEnumerable<TypedStreet> typed, long toStreetId, long toPartId, CancellationToken cancellationToken) =>
        SubscriberAddressMoves.MoveTypedAsync(connection, transaction, typed.Select(t => (t.SubscriberId, t.Position)), toStreetId, toPartId, cancellationToken);

    private static Task<StreetInfo?> FindStreetAsync(DbConnection connection, DbTransaction transaction, long? id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<StreetInfo>(new CommandDefinition("""
            SELECT st.id AS Id, st.name AS Name, p.id AS PartId, p.name AS PartName, st.is_active AS IsActive, st.needs_mapping AS NeedsMapping
            FROM streets st JOIN city_parts p ON p.id = st.city_part_id WHERE st.id = @id
            """, new { id }, transaction, cancellationToken: cancellationToken));

    /// <summary>Only a street of the list that itself needs no mapping can take residents.</summary>
    private static async Task<(StreetInfo? Target, Dictionary<string, string> Errors)> TargetAsync(DbConnection connection, DbTransaction transaction, long? id, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var target = id is null ? null : await FindStreetAsync(connection, transaction, id, cancellationToken);
        if (id is null)
        {
            errors["streetId"] = "Vyberte ulici ze seznamu, na kterou mají adresy přejít.";
        }
        else if (target is null || target.IsActive != 1)
        {
            errors["streetId"] = $"Ulice s id {id} neexistuje nebo už není platná.";
        }
        else if (target.NeedsMapping == 1)
        {
            errors["streetId"] = $"Ulice „{target.Name}“ ({target.PartName}) sama čeká na přiřazení; vyberte ulici z registru.";
        }

        return (errors.Count > 0 ? null : target, errors);
    }
}
