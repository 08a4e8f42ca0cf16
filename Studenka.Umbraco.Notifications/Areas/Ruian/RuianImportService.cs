using System.Data.Common;
using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>
/// Upserts city parts (by RÚIAN code), streets (by part and name) and address points from the
/// official address file of one municipality, in one transaction: the whole file is read and
/// validated first, and any error leaves the database as it was. Residents on a street the file
/// lacks are moved onto the register's street of the same name (<see cref="RuianStreetReconciliation"/>);
/// a street nobody lives on is retired (never deleted); one residents use that matches nothing stays
/// targetable and needs mapping.
/// </summary>
public sealed class RuianImportService(IDbConnectionFactory connections)
{
    /// <summary>Prague's file, the largest, is about 15 MB; anything far above is not an address file.</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    public Task<RuianImportResult> ImportAsync(Stream csv, long expectedMunicipalityCode, CancellationToken cancellationToken) =>
        ImportAsync(csv, expectedMunicipalityCode, null, cancellationToken);

    /// <summary>As above, telling <paramref name="progress"/> each phase (the backoffice shows it while a long file runs).</summary>
    public async Task<RuianImportResult> ImportAsync(Stream csv, long expectedMunicipalityCode, IProgress<RuianImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        progress?.Report(new RuianImportProgress(RuianImportPhase.Reading, 0, null));
        var bytes = await ReadAllAsync(csv, cancellationToken);
        if (bytes is null)
        {
            return RuianImportResult.Failure(null, $"Soubor je větší než {MaxFileBytes / 1024 / 1024} MB; to není soubor adresních míst jedné obce.");
        }

        var (rows, errors) = RuianCsvReader.Read(bytes, progress);
        if (errors.Count > 0)
        {
            return RuianImportResult.Failure(errors);
        }

        var (plan, planError) = RuianImportPlan.Build(rows, expectedMunicipalityCode);
        if (plan is null)
        {
            return RuianImportResult.Failure([planError!]);
        }

        progress?.Report(new RuianImportProgress(RuianImportPhase.Writing, plan.RowsRead, plan.RowsRead));
        return await WriteAsync(plan, expectedMunicipalityCode, cancellationToken);
    }

    private async Task<RuianImportResult> WriteAsync(RuianImportPlan plan, long municipality, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parts = await UpsertPartsAsync(connection, transaction, plan, municipality, cancellationToken);
        if (parts.Error is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return RuianImportResult.Failure([parts.Error]);
        }

        var streets = await RuianStreetWriter.WriteAsync(connection, transaction, plan, parts.IdsByCode, municipality, cancellationToken);
        var reconciled = await RuianStreetReconciliation.ReconcileAsync(connection, transaction, streets, cancellationToken);
        await RuianAddressPointWriter.WriteAsync(connections.Dialect, connection, transaction, plan, parts.IdsByCode, streets.Register, cancellationToken);
        var needsMapping = await AddressReview.NeedingMappingAsync(connection, transaction, cancellationToken);
        var mismatches = await AddressReview.HouseNumberMismatchesAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RuianImportResult.Success(new RuianImportSummary
        {
            RowsRead = plan.RowsRead,
            PartsAdded = parts.Added,
            PartsUnchanged = parts.Unchanged,
            PartsRenamed = parts.Renamed,
            StreetsAdded = streets.Added,
            StreetsUnchanged = streets.Unchanged,
            StreetsConfirmed = streets.Confirmed,
            StreetsReactivated = streets.Reactivated,
            Moves = reconciled.Moves,
            RetiredStreets = reconciled.Retired,
            NeedsMapping = needsMapping,
            AddressPoints = plan.Points.Count,
            HouseNumberMismatches = mismatches,
        });
    }

    private sealed record PartRow(long Id, long RuianCode, long MunicipalityCode, string Name);

    private sealed record PartChanges(Dictionary<long, long> IdsByCode, int Added, int Unchanged, int Renamed, RuianImportError? Error);

    private static async Task<PartChanges> UpsertPartsAsync(DbConnection connection, DbTransaction transaction, RuianImportPlan plan, long municipality, CancellationToken cancellationToken)
    {
        var existing = (await connection.QueryAsync<PartRow>(new CommandDefinition(
            "SELECT id AS Id, ruian_code AS RuianCode, municipality_code AS MunicipalityCode, name AS Name FROM city_parts",
            transaction: transaction, cancellationToken: cancellationToken))).ToDictionary(p => p.RuianCode);
        var ids = new Dictionary<long, long>();
        int added = 0, unchanged = 0, renamed = 0;
        foreach (var part in plan.Parts)
        {
            if (!existing.TryGetValue(part.Code, out var row))
            {
                ids[part.Code] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO city_parts (ruian_code, municipality_code, name) VALUES (@Code, @Municipality, @Name) RETURNING id",
                    new { part.Code, Municipality = municipality, part.Name }, transaction, cancellationToken: cancellationToken));
                added++;
                continue;
            }

            if (row.MunicipalityCode != municipality)
            {
                // Part codes are unique across the country; this database already holds it for another town.
                return new PartChanges(ids, 0, 0, 0, new RuianImportError(null,
                    $"Část obce {part.Code} ({part.Name}) je v databázi vedena pod obcí {row.MunicipalityCode}, ne {municipality}."));
            }

            ids[part.Code] = row.Id;
            if (row.Name == part.Name)
            {
                unchanged++;
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE city_parts SET name = @Name WHERE id = @Id", new { part.Name, row.Id }, transaction, cancellationToken: cancellationToken));
            renamed++;
        }

        return new PartChanges(ids, added, unchanged, renamed, null);
    }

    private static async Task<byte[]?> ReadAllAsync(Stream csv, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await csv.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
