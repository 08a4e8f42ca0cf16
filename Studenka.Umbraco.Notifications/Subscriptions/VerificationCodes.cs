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

    /// <summary>Not six digits (empty, cut short, letters): refused before any code is looked at, so it costs no attempt.</summary>
    NotSixDigits,
}

/// <summary>The result of entering a code; a valid sign-up code carries the sign-up it confirms.</summary>
public sealed record CodeCheck(CodeCheckOutcome Outcome, int AttemptsLeft = 0, PendingSignUp? SignUp = null);

/// <summary>
/// Six-digit codes, stored only as a salted HMAC, valid for a few minutes and a few attempts.
/// A manage code: only the newest of a phone counts, issuing a new one retires the old. A sign-up
/// code belongs to its attempt (<see cref="SignUpAttempt"/>) and carries that attempt's data:
/// a new code for the attempt retires the attempt's old one, other attempts keep theirs.
/// Where a number must not be told apart, a code stands where the real one would, so guesses on its
/// page get the same answers: a sign-up for an active number gets a code without data (sent with the
/// "you already subscribe" SMS, it opens management), a manage request for a number that does not
/// subscribe a decoy no SMS carries (even a lucky guess opens nothing).
/// </summary>
public sealed class VerificationCodes(IDbConnectionFactory connections, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public static string PurposeName(CodePurpose purpose) => purpose == CodePurpose.Signup ? "signup" : "manage";

    /// <summary>Creates a new code inside the caller's transaction, retiring every older code of the phone and purpose (manage codes); returns it in clear text, once, for the SMS.</summary>
    public async Task<string> IssueAsync(DbConnection connection, DbTransaction transaction, string phone, CodePurpose purpose, CancellationToken cancellationToken)
    {
        // Codes are useless after a day; decoys for numbers that do not subscribe must not stay either.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM verification_codes WHERE (phone = @phone AND purpose = @purpose) OR created_at_ms < @before",
            new { phone, purpose = PurposeName(purpose), before = DayAgo() }, transaction, cancellationToken: cancellationToken));
        return await InsertAsync(connection, transaction, phone, purpose, null, null, cancellationToken);
    }

    /// <summary>
    /// A new sign-up code for <paramref name="attempt"/> carrying <paramref name="signUp"/> (null: a
    /// number that already subscribes); retires only that attempt's older code.
    /// </summary>
    public async Task<string> IssueSignUpAsync(DbConnection connection, DbTransaction transaction, SignUpAttempt attempt, PendingSignUp? signUp, CancellationToken cancellationToken)
    {
        // A sign-up nobody confirmed within a day is personal data without a purpose.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM verification_codes WHERE (attempt = @Key AND phone = @Phone) OR created_at_ms < @before",
            new { attempt.Key, attempt.Phone, before = DayAgo() }, transaction, cancellationToken: cancellationToken));
        return await InsertAsync(connection, transaction, attempt.Phone, CodePurpose.Signup, attempt.Key, signUp?.ToJson(), cancellationToken);
    }

    /// <summary>The data of a sign-up attempt still waiting for its code (none after a day, a confirmation or a cancel).</summary>
    public async Task<PendingSignUp?> FindSignUpAsync(DbConnection connection, SignUpAttempt attempt, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT signup FROM verification_codes
            WHERE attempt = @Key AND phone = @Phone AND purpose = 'signup' AND consumed_at_ms IS NULL AND signup IS NOT NULL AND created_at_ms >= @since
            """, new { attempt.Key, attempt.Phone, since = DayAgo() }, cancellationToken: cancellationToken)) is { } json
            ? PendingSignUp.FromJson(json)
            : null;

    /// <summary>Once a number is active, its other sign-up attempts have nothing left to confirm.</summary>
    public static Task DeleteSignUpsAsync(DbConnection connection, DbTransaction transaction, string phone, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM verification_codes WHERE phone = @phone AND purpose = 'signup'", new { phone }, transaction, cancellationToken: cancellationToken));

    private async Task<string> InsertAsync(DbConnection connection, DbTransaction transaction, string phone, CodePurpose purpose, string? attempt, string? signUp, CancellationToken cancellationToken)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO verification_codes (phone, purpose, code_hash, salt, created_at_ms, expires_at_ms, attempts, attempt, signup)
            VALUES (@phone, @purpose, @hash, @salt, @created, @expires, 0, @attempt, @signUp)
            """,
            new
            {
                phone,
                purpose = PurposeName(purpose),
                hash = Hash(code, salt),
                salt,
                created = now.ToUnixTimeMilliseconds(),
                expires = now.AddMinutes(options.Value.CodeValidityMinutes).ToUnixTimeMilliseconds(),
                attempt,
                signUp,
            }, transaction, cancellationToken: cancellationToken));
        return code;
    }

    /// <summary>
    /// Checks a code. The attempt is counted before comparing, atomically, so parallel guesses
    /// cannot exceed the limit. A valid code is consumed and cannot be replayed.
    /// </summary>
    public Task<CodeCheck> CheckAsync(string phone, CodePurpose purpose, string? entered, CancellationToken cancellationToken) =>
        CheckAsync(phone, purpose, null, entered, cancellationToken);

    /// <summary>Checks the code of one sign-up attempt; a valid one returns the sign-up it confirms.</summary>
    public Task<CodeCheck> CheckSignUpAsync(SignUpAttempt attempt, string? entered, CancellationToken cancellationToken) =>
        CheckAsync(attempt.Phone, CodePurpose.Signup, attempt.Key, entered, cancellationToken);

    private async Task<CodeCheck> CheckAsync(string phone, CodePurpose purpose, string? attempt, string? entered, CancellationToken cancellationToken)
    {
        // Before anything is looked up: the same answer for every number, and a slip costs no attempt.
        if (SixDigits(entered) is not { } normalized)
        {
            return new(CodeCheckOutcome.NotSixDigits);
        }

        var max = options.Value.MaxCodeAttempts;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, byte[] Hash, byte[] Salt, long ExpiresAtMs, long Attempts, string? SignUp)?>(new CommandDefinition(
            """
            SELECT id, code_hash, salt, expires_at_ms, attempts, signup FROM verification_codes
            WHERE phone = @phone AND purpose = @purpose AND consumed_at_ms IS NULL AND (@attempt IS NULL OR attempt = @attempt)
            ORDER BY id DESC LIMIT 1
            """, new { phone, purpose = PurposeName(purpose), attempt }, cancellationToken: cancellationToken));
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

        if (!CryptographicOperations.FixedTimeEquals(Hash(normalized, code.Salt), code.Hash))
        {
            var left = max - (int)code.Attempts - 1;
            return left <= 0 ? new(CodeCheckOutcome.TooManyAttempts) : new(CodeCheckOutcome.Wrong, left);
        }

        var consumed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE verification_codes SET consumed_at_ms = @now WHERE id = @Id AND consumed_at_ms IS NULL",
            new { now, code.Id }, cancellationToken: cancellationToken));
        return consumed == 1
            ? new(CodeCheckOutcome.Valid, SignUp: code.SignUp is { } json ? PendingSignUp.FromJson(json) : null)
            : new(CodeCheckOutcome.NoCode);
    }

    /// <summary>The code as typed, spaces and other separators dropped, digits of any keyboard (e.g. full-width) as 0–9; null unless six digits.</summary>
    private static string? SixDigits(string? entered)
    {
        var digits = (entered ?? string.Empty).Where(char.IsDigit).Select(c => (char)('0' + (int)char.GetNumericValue(c))).ToArray();
        return digits.Length == 6 && !(entered ?? string.Empty).Any(char.IsLetter) ? new string(digits) : null;
    }

    private long DayAgo() => time.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds();

    private static byte[] Hash(string code, byte[] salt) => HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code));
}
