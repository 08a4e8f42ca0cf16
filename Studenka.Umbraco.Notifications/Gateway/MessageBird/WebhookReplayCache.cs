using Dapper;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

/// <summary>
/// The <c>jti</c> of every accepted webhook token, kept until the token expires (a few minutes).
/// In the database rather than in memory, so a call replayed to another node or after a restart
/// is refused as well. Table <c>webhook_token_ids</c>.
/// </summary>
public sealed class WebhookReplayCache(IDbConnectionFactory connections, TimeProvider time)
{
    /// <summary>True for the first call with <paramref name="tokenId"/>; false while an earlier one is remembered.</summary>
    public async Task<bool> TryClaimAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Expired ids go first: they can never match a valid token again, and the table stays small.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_token_ids WHERE expires_at_ms < @nowMs",
            new { nowMs = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        // One statement decides, so two nodes receiving the same token at once cannot both accept it.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhook_token_ids (jti, expires_at_ms) VALUES (@tokenId, @expiresAtMs) ON CONFLICT (jti) DO NOTHING",
            new { tokenId, expiresAtMs = expiresAt.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>Forgets a token whose call failed on our side, so MessageBird's retry with the same token is not taken for a replay.</summary>
    public async Task ReleaseAsync(string tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_token_ids WHERE jti = @tokenId", new { tokenId }, cancellationToken: cancellationToken));
    }
}
