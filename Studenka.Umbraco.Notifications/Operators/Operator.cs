namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>An operator account as stored (without the password hash).</summary>
public sealed record Operator(long Id, string UserName, string DisplayName, OperatorRole Role, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt)
{
    /// <summary>How this operator appears in campaigns and the audit log.</summary>
    public OperatorIdentity Identity => new(UserName, DisplayName, Role) { UserName = UserName };

    /// <summary>Disabled by an administrator: cannot sign in, and every session ended when it was set.</summary>
    public bool Disabled { get; init; }
}

/// <summary>The row the sign-in needs: the account plus its password hash.</summary>
internal sealed record OperatorCredentials(Operator Operator, string PasswordHash);
