using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>Keeps the packages table in step with <see cref="TopicPackages"/> (foreign keys point at it).</summary>
public sealed class PackageSeeder(IDbConnectionFactory connections)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var package in TopicPackages.All)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO packages (id, name, description) VALUES (@Id, @Name, @Description) ON CONFLICT (id) DO NOTHING",
                package, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
