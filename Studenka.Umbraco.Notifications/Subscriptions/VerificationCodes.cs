using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Subscriptions;

public enum CodePurpose
{
    Signup,
    Manage,
}

public enum CodeCheckOutcome
{
    Valid,
    Wrong,
    Expired,
    TooManyAttempts,
    NoCode,
}

public sealed record CodeCheck(CodeCheckOutcome Outcome, int AttemptsLeft = 0);

/// <summary>
/// Six-digit codes, stored only as a salted HMAC, valid for a few minutes and a few attempts.
/// Only the newest code of a phone and purpose counts: issuing a new one retires the old.
/// </summary>
public sealed class VerificationCodes(IDbConnectionFactory connections, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public static string PurposeName(CodePurpose purpose) => purpose == CodePurpose.Signup ? "signup" : "manage";

    /// <summary>Creates a new code inside the caller's transaction and returns it in clear text, once, for the SMS.</summary>
    public async Task<string> IssueAsync(DbConnection connection, DbTransaction transaction, string phone, CodePurpose purpose, CancellationToken cancellationToken)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM verification_codes WHERE phone = @phone AND purpose = @purpose",
            new { phone, purpose = PurposeName(purpose) }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO verification_codes (phone, purpose, code_hash, salt, created_at_ms, expires_at_ms, attempts)
            VALUES (@phone, @purpose, @hash, @salt, @created, @expires, 0)
            """,
            new
            {
                phone,
                purpose = PurposeName(purpose),
                hash = Hash(code, salt),
                salt,
                created = now.ToUnixTimeMilliseconds(),
                expires = now.AddMinutes(options.Value.CodeValidityMinutes).ToUnixTimeMilliseconds(),
            }, transaction, cancellationToken: cancellationToken));
        return code;
    }

    /// <summary>
    /// Checks a code. The attempt is counted before comparing, atomically, so parallel guesses
    /// cannot exceed the limit. A valid code is consumed and cannot be replayed.
    /// </summary>
    public async Task<CodeCheck> CheckAsync(string phone, CodePurpose purpose, string? entered, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxCodeAttempts;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, byte[] Hash, byte[] Salt, long ExpiresAtMs, long Attempts)?>(new CommandDefinition(
            """
            SELECT id, code_hash, salt, expires_at_ms, attempts FROM verification_codes
            WHERE phone = @phone AND purpose = @purpose AND consumed_at_ms IS NULL
            ORDER BY id DESC LIMIT 1
            """, new { phone, purpose = PurposeName(purpose) }, cancellationToken: cancellationToken));
        if (row is not { } code)
        {
            return new(CodeCheckOutcome.NoCode);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now >= code.ExpiresAtMs)
        {
            return new(CodeCheckOutcome.Expired);
        }

        var counted = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE verification_codes SET attempts = attempts + 1 WHERE id = @Id AND attempts < @max AND consumed_at_ms IS NULL",
            new { code.Id, max }, cancellationToken: cancellationToken));
        if (counted == 0)
        {
            return new(CodeCheckOutcome.TooManyAttempts);
        }

        var normalized = new string((entered ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (normalized.Length != 6 || !CryptographicOperations.FixedTimeEquals(Hash(normalized, code.Salt), code.Hash))
        {
            var left = max - (int)code.Attempts - 1;
            return left <= 0 ? new(CodeCheckOutcome.TooManyAttempts) : new(CodeCheckOutcome.Wrong, left);
        }

        var consumed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE verification_codes SET consumed_at_ms = @now WHERE id = @Id AND consumed_at_ms IS NULL",
            new { now, code.Id }, cancellationToken: cancellationToken));
        return consumed == 1 ? new(CodeCheckOutcome.Valid) : new(CodeCheckOutcome.NoCode);
    }

    private static byte[] Hash(string code, byte[] salt) => HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code));
}
