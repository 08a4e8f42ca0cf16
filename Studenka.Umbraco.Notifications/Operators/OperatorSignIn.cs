using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Operators;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Unknown name or wrong password: deliberately one outcome, so names cannot be probed.</summary>
    InvalidCredentials,

    /// <summary>Too many wrong passwords; every password is refused until <see cref="OperatorSignInResult.LockedUntil"/>.</summary>
    LockedOut,
}

public sealed record OperatorSignInResult(SignInOutcome Outcome, Operator? Operator = null, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;
}

/// <summary>
/// Checks a name and password for the standalone login: lockout after repeated failures, the same
/// work (one hash verification) whether or not the name exists, and an audit entry for each attempt.
/// </summary>
public sealed class OperatorSignIn(
    OperatorRepository operators,
    IPasswordHasher<Operator> hasher,
    AuditLog audit,
    IOptions<OperatorOptions> options,
    TimeProvider time)
{
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<OperatorSignInResult> SignInAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        userName = userName?.Trim() ?? string.Empty;
        password ??= string.Empty;
        var credentials = userName.Length is > 0 and <= OperatorAccounts.MaxUserNameLength
            ? await operators.FindCredentialsAsync(userName, cancellationToken)
            : null;

        // Verify even when there is no such operator (against a hash of nothing), so the response
        // time does not tell which names exist.
        var verification = hasher.VerifyHashedPassword(credentials?.Operator!, credentials?.PasswordHash ?? _dummyHash.Value, password);
        var now = time.GetUtcNow();
        if (credentials is null)
        {
            await audit.AppendAsync(Anonymous, "operator.login-failed", Subject(userName), "neznámé jméno", cancellationToken);
            return new(SignInOutcome.InvalidCredentials);
        }

        var account = credentials.Operator;
        if (credentials.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            await audit.AppendAsync(account.Identity, "operator.login-refused", account.UserName, "účet je zamčený", cancellationToken);
            return new(SignInOutcome.LockedOut, LockedUntil: lockedUntil);
        }

        if (verification == PasswordVerificationResult.Failed)
        {
            return await FailAsync(account, now, cancellationToken);
        }

        var rehash = verification == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : null;
        await operators.RecordSuccessAsync(account.Id, now, rehash, cancellationToken);
        await audit.AppendAsync(account.Identity, "operator.login", account.UserName, null, cancellationToken);
        return new(SignInOutcome.Succeeded, account with { LastLoginAt = now });
    }

    private async Task<OperatorSignInResult> FailAsync(Operator account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var lockedUntil = await operators.RecordFailureAsync(account.Id, settings.MaxFailedAttempts, now.AddMinutes(settings.LockoutMinutes), cancellationToken);
        if (lockedUntil is { } until)
        {
            await audit.AppendAsync(account.Identity, "operator.locked", account.UserName, $"po {settings.MaxFailedAttempts} chybných heslech do {until:O}", cancellationToken);
            return new(SignInOutcome.LockedOut, LockedUntil: until);
        }

        await audit.AppendAsync(account.Identity, "operator.login-failed", account.UserName, "chybné heslo", cancellationToken);
        return new(SignInOutcome.InvalidCredentials);
    }

    private static readonly OperatorIdentity Anonymous = new("?", "nepřihlášený");

    /// <summary>What someone typed as a name, cut short so the log cannot be flooded through it.</summary>
    private static string Subject(string userName) => userName.Length <= OperatorAccounts.MaxUserNameLength ? userName : userName[..OperatorAccounts.MaxUserNameLength] + "…";

}
