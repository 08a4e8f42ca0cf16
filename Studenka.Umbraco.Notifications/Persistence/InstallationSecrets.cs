using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// Random keys generated once per installation and kept in the database, so every node shares
/// them and none is ever written in source code or configuration by hand.
/// </summary>
public sealed class InstallationSecrets(IDbConnectionFactory connections)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _cache = new();

    public Task<byte[]> GetOrCreateAsync(string name, CancellationToken cancellationToken) =>
        _cache.GetOrAdd(name, n => new Lazy<Task<byte[]>>(() => LoadAsync(n, cancellationToken))).Value;

    /// <summary>
    /// HMAC-SHA256 (hex) of <paramref name="value"/> with the installation key <paramref name="keyName"/>:
    /// how logs that outlive a subscription remember a phone number without keeping it.
    /// </summary>
    public async Task<string> KeyedHashAsync(string keyName, string value, CancellationToken cancellationToken) =>
        Convert.ToHexString(HMACSHA256.HashData(await GetOrCreateAsync(keyName, cancellationToken), Encoding.UTF8.GetBytes(value)));

    private async Task<byte[]> LoadAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // The first node to ask wins; the others read what it stored.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO installation_secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            new { name, value = RandomNumberGenerator.GetBytes(32) }, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT value FROM installation_secrets WHERE name = @name", new { name }, cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"Installation secret '{name}' could not be stored.");
    }
}
