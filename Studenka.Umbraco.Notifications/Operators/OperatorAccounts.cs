using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Operators;

public enum CreateOperatorOutcome
{
    Created,
    DuplicateUserName,
    InvalidUserName,
    InvalidDisplayName,
    WeakPassword,
}

/// <summary>The outcome of creating an operator; <see cref="Error"/> is a Czech sentence for the person who asked.</summary>
public sealed record CreateOperatorResult(CreateOperatorOutcome Outcome, Operator? Operator = null, string? Error = null)
{
    public bool Succeeded => Outcome == CreateOperatorOutcome.Created;
}

/// <summary>The outcome of disabling, enabling or changing the role of an operator; <see cref="Error"/> is Czech.</summary>
public sealed record ChangeOperatorResult(Operator? Operator, string? Error = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Creates, disables and re-roles operator accounts, each change audited. There is no default
/// account and no default password. Disabling ends the operator's sessions at once; a new role
/// applies from the operator's next request (every request reads the account).
/// </summary>
public sealed class OperatorAccounts(
    OperatorRepository operators,
    IPasswordHasher<Operator> hasher,
    AuditLog audit,
    IOperatorSessions sessions,
    IOptions<OperatorOptions> options,
    TimeProvider time)
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 100;

    /// <summary>Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.</summary>
    public const int MaxPasswordLength = 256;

    public async Task<CreateOperatorResult> CreateAsync(
        string userName, string displayName, OperatorRole role, string password, OperatorIdentity createdBy, CancellationToken cancellationToken)
    {
        userName = userName?.Trim() ?? string.Empty;
        displayName = displayName?.Trim() ?? string.Empty;
        if (Validate(userName, displayName, password ?? string.Empty) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var draft = new Operator(0, userName, displayName, role, now, null);
        var id = await operators.InsertAsync(userName, displayName, role, hasher.HashPassword(draft, password!), now, cancellationToken);
        if (id is null)
        {
            return new(CreateOperatorOutcome.DuplicateUserName, Error: $"Operátor se jménem „{userName}“ už existuje.");
        }

        var created = draft with { Id = id.Value };
        await audit.AppendAsync(createdBy, "operator.created", userName, $"{displayName}, role {role}", cancellationToken);
        return new(CreateOperatorOutcome.Created, created);
    }

    /// <param name="keepAnAdministrator">
    /// Refuse to disable the last enabled administrator (the backoffice: nobody could undo it there).
    /// The command line may, because whoever runs it can create or enable another.
    /// </param>
    public async Task<ChangeOperatorResult> DisableAsync(string userName, OperatorIdentity actor, CancellationToken cancellationToken, bool keepAnAdministrator = false)
    {
        if (await operators.FindAsync(userName?.Trim() ?? string.Empty, cancellationToken) is not { } account)
        {
            return Unknown(userName);
        }

        if (!await operators.SetLockAsync(account.Id, time.GetUtcNow(), cancellationToken, keepAnAdministrator))
        {
            return new(null, LastAdministrator);
        }

        await sessions.EndAllAsync(account, cancellationToken);
        await audit.AppendAsync(actor, "operator.disabled", account.UserName, null, cancellationToken);
        return new(account with { Disabled = true });
    }

    public async Task<ChangeOperatorResult> EnableAsync(string userName, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (await operators.FindAsync(userName?.Trim() ?? string.Empty, cancellationToken) is not { } account)
        {
            return Unknown(userName);
        }

        await operators.SetLockAsync(account.Id, null, cancellationToken);
        await audit.AppendAsync(actor, "operator.enabled", account.UserName, null, cancellationToken);
        return new(account with { Disabled = false });
    }

    /// <param name="keepAnAdministrator">Refuse to demote the last enabled administrator (see <see cref="DisableAsync"/>).</param>
    public async Task<ChangeOperatorResult> ChangeRoleAsync(string userName, OperatorRole role, OperatorIdentity actor, CancellationToken cancellationToken, bool keepAnAdministrator = false)
    {
        if (await operators.FindAsync(userName?.Trim() ?? string.Empty, cancellationToken) is not { } account)
        {
            return Unknown(userName);
        }

        if (!await operators.SetRoleAsync(account.Id, role, cancellationToken, keepAnAdministrator))
        {
            return new(null, LastAdministrator);
        }

        if (role != account.Role)
        {
            // A new role is a new sign-in: sessions opened with the old rights end now (the per-request
            // check would already refuse what the new role may not do, but a demotion must not leave
            // a session that was handed out as an administrator's).
            await sessions.EndAllAsync(account, cancellationToken);
        }

        await audit.AppendAsync(actor, "operator.role-changed", account.UserName, $"{account.Role} → {role}", cancellationToken);
        return new(account with { Role = role });
    }

    /// <summary>Sets a new password (same rules as at creation) and ends the operator's sessions: whoever knew the old one is out.</summary>
    public async Task<ChangeOperatorResult> ResetPasswordAsync(string userName, string password, OperatorIdentity actor, CancellationToken cancellationToken)
    {
        if (await operators.FindAsync(userName?.Trim() ?? string.Empty, cancellationToken) is not { } account)
        {
            return Unknown(userName);
        }

        if (Validate(account.UserName, account.DisplayName, password ?? string.Empty) is { } invalid)
        {
            return new(null, invalid.Error);
        }

        await operators.SetPasswordHashAsync(account.Id, hasher.HashPassword(account, password!), cancellationToken);
        await sessions.EndAllAsync(account, cancellationToken);
        await audit.AppendAsync(actor, "operator.password-reset", account.UserName, null, cancellationToken);
        return new(account);
    }

    public const string LastAdministrator = "Poslední aktivní správce nemůže být zakázán ani přeřazen do jiné role; nejdřív jmenujte dalšího správce.";

    private static ChangeOperatorResult Unknown(string? userName) => new(null, $"Operátor se jménem „{userName}“ neexistuje.");

    private CreateOperatorResult? Validate(string userName, string displayName, string password)
    {
        var minLength = options.Value.MinPasswordLength;
        if (userName.Length is 0 or > MaxUserNameLength || userName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return new(CreateOperatorOutcome.InvalidUserName, Error: $"Přihlašovací jméno musí mít 1 až {MaxUserNameLength} znaků bez mezer.");
        }

        if (displayName.Length is 0 or > MaxDisplayNameLength || displayName.Any(char.IsControl))
        {
            return new(CreateOperatorOutcome.InvalidDisplayName, Error: $"Zobrazované jméno musí mít 1 až {MaxDisplayNameLength} znaků.");
        }

        if (password.Length < minLength || password.Length > MaxPasswordLength)
        {
            return new(CreateOperatorOutcome.WeakPassword, Error: $"Heslo musí mít alespoň {minLength} znaků (nejvýše {MaxPasswordLength}).");
        }

        if (string.Equals(password, userName, StringComparison.OrdinalIgnoreCase) || password.Distinct().Count() < 4)
        {
            return new(CreateOperatorOutcome.WeakPassword, Error: "Heslo je příliš snadno uhodnutelné (stejné jako jméno nebo z opakovaných znaků).");
        }

        return null;
    }
}
