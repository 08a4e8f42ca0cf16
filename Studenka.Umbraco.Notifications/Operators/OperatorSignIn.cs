using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Identity;

namespace Studenka.Umbraco.Notifications.Operators;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>
    /// Unknown name, wrong password, or an address that must wait before trying this name again:
    /// deliberately one outcome, so the answer tells neither which names exist nor who is being slowed down.
    /// </summary>
    InvalidCredentials,
}

public sealed record OperatorSignInResult(SignInOutcome Outcome, Operator? Operator = null)
{
    [MemberNotNullWhen(true, nameof(Operator))]
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;
}

/// <summary>
/// Checks a name and password for the standalone login: the per-(name, address) delay of
/// <see cref="OperatorLoginThrottle"/>, the same work (one hash verification) for a known, an
/// unknown and a delayed name, and an audit entry for each attempt.
/// </summary>
public sealed class OperatorSignIn(
    OperatorRepository operators,
    OperatorLoginThrottle throttle,
    IPasswordHasher<Operator> hasher,
    AuditLog audit,
    TimeProvider time)
{
    private static readonly OperatorSignInResult Refused = new(SignInOutcome.InvalidCredentials);

    private static readonly OperatorIdentity Anonymous = new("?", "nepřihlášený");

    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<OperatorSignInResult> SignInAsync(string? userName, string? password, IPAddress? clientAddress, CancellationToken cancellationToken)
    {
        userName = Subject(userName?.Trim() ?? string.Empty);
        password ??= string.Empty;
        var credentials = userName.Length is > 0 and <= OperatorAccounts.MaxUserNameLength
            ? await operators.FindCredentialsAsync(userName, cancellationToken)
            : null;
        var throttleKey = await throttle.KeyAsync(userName, clientAddress, cancellationToken);
        var waitUntil = await throttle.WaitUntilAsync(throttleKey, cancellationToken);

        // Exactly one verification whatever the case (against a hash of nothing when there is no
        // such operator or the address must wait), so the response time tells nothing either.
        var checkable = credentials is not null && waitUntil is null;
        var verification = hasher.VerifyHashedPassword(credentials?.Operator!, checkable ? credentials!.PasswordHash : _dummyHash.Value, password);
        if (waitUntil is { } until)
        {
            // Not counted as another failure: the wait is for guessing, not a penalty that grows while it runs.
            await audit.AppendAsync(credentials?.Operator.Identity ?? Anonymous, "operator.login-delayed", userName, $"z této adresy až po {until:O}", cancellationToken);
            return Refused;
        }

        if (credentials is null || verification == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(throttleKey, cancellationToken);
            await audit.AppendAsync(credentials?.Operator.Identity ?? Anonymous, "operator.login-failed", userName, credentials is null ? "neznámé jméno" : "chybné heslo", cancellationToken);
            return Refused;
        }

        var account = credentials.Operator;
        if (account.Disabled)
        {
            // The right password of a disabled account: refused like any other, and not counted as guessing.
            await audit.AppendAsync(account.Identity, "operator.login-disabled", account.UserName, null, cancellationToken);
            return Refused;
        }

        var now = time.GetUtcNow();
        var rehash = verification == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : null;
        await operators.RecordSuccessAsync(account.Id, now, rehash, cancellationToken);
        await throttle.RecordSuccessAsync(throttleKey, cancellationToken);
        await audit.AppendAsync(account.Identity, "operator.login", account.UserName, null, cancellationToken);
        return new(SignInOutcome.Succeeded, account with { LastLoginAt = now });
    }

    /// <summary>What someone typed as a name, cut short so the log cannot be flooded through it.</summary>
    private static string Subject(string userName) => userName.Length <= OperatorAccounts.MaxUserNameLength ? userName : userName[..OperatorAccounts.MaxUserNameLength] + "…";
}
