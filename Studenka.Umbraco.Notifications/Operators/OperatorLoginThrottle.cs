using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// Slows down guessing without handing anyone a way to lock the owner out: wrong logins are
/// counted per (user name, client address), and after <see cref="OperatorOptions.FailuresBeforeDelay"/>
/// of them that address must wait before it may try that name again, twice as long after each
/// further failure. Other addresses, and other names from that address, are not affected. Unknown
/// names count like known ones, so the delay tells nothing about who has an account. Both parts of
/// the pair are kept only as a keyed hash (table <c>operator_login_failures</c>).
/// </summary>
public sealed class OperatorLoginThrottle(IDbConnectionFactory connections, InstallationSecrets secrets, IOptions<OperatorOptions> options, TimeProvider time)
{
    internal const string SecretName = "operator-login-throttle";

    /// <summary>A day without a wrong login from that address for that name starts the count again.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    public Task<string> KeyAsync(string userName, IPAddress? clientAddress, CancellationToken cancellationToken) =>
        secrets.KeyedHashAsync(SecretName, userName.ToLowerInvariant() + "\n" + AddressKey(clientAddress), cancellationToken);

    /// <summary>Until when this pair must wait, or null when it may try now.</summary>
    public async Task<DateTimeOffset?> WaitUntilAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Failures, long LastFailureAtMs)?>(new CommandDefinition(
            "SELECT failures, last_failure_at_ms FROM operator_login_failures WHERE key_hash = @key",
            new { key }, cancellationToken: cancellationToken));
        return row is { } r && WaitEnd(r.Failures, DateTimeOffset.FromUnixTimeMilliseconds(r.LastFailureAtMs)) is { } end && end > time.GetUtcNow()
            ? end
            : null;
    }

    public async Task RecordFailureAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Old counts go first, so a pair quiet for a day starts again at one and the table stays small.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM operator_login_failures WHERE last_failure_at_ms < @forgetBeforeMs",
            new { forgetBeforeMs = (now - ForgetAfter).ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO operator_login_failures (key_hash, failures, last_failure_at_ms) VALUES (@key, 1, @nowMs)
            ON CONFLICT (key_hash) DO UPDATE SET failures = operator_login_failures.failures + 1, last_failure_at_ms = @nowMs
            """,
            new { key, nowMs = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    /// <summary>The right password from this address: its count for this name starts again.</summary>
    public async Task RecordSuccessAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM operator_login_failures WHERE key_hash = @key", new { key }, cancellationToken: cancellationToken));
    }

    /// <summary>FirstDelay after the N-th failure, doubled per further failure, at most MaxDelay.</summary>
    private DateTimeOffset? WaitEnd(long failures, DateTimeOffset lastFailure)
    {
        var settings = options.Value;
        if (failures < settings.FailuresBeforeDelay)
        {
            return null;
        }

        var doublings = (int)Math.Min(failures - settings.FailuresBeforeDelay, 30);
        var delay = TimeSpan.FromSeconds(Math.Min(settings.FirstDelaySeconds * Math.Pow(2, doublings), settings.MaxDelayMinutes * 60.0));
        return lastFailure + delay;
    }

    /// <summary>
    /// IPv4 as is (also when it arrives IPv4-mapped); IPv6 by its /64, because one household or
    /// attacker gets a whole /64 and could otherwise start afresh with every address in it.
    /// </summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
