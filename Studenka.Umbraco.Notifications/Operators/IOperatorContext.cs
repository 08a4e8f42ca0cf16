namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Who is acting, as written into campaigns and the audit log, and with which role (see <see cref="OperatorPermissions"/>).</summary>
/// <param name="Id">Stable identifier for the audit log (the backoffice user name).</param>
/// <param name="Role">Null for an actor that is only written to the audit log (a failed login, the command line): no permission at all.</param>
public sealed record OperatorIdentity(string Id, string DisplayName, OperatorRole? Role = null)
{
    /// <summary>
    /// The actor of work no person started at that moment (a publish handler, reminders): the town
    /// itself, with every permission. Callers without an HTTP request pass it to the campaign service.
    /// </summary>
    public static OperatorIdentity System { get; } = new("system", "Systém", OperatorRole.Administrator);

    /// <summary>The sign-in name shown to the operator (the backoffice user name); null where only <see cref="Id"/> exists.</summary>
    public string? UserName { get; init; }

    public OperatorPermissions Permissions => Role is { } role ? OperatorPermissions.For(role) : OperatorPermissions.None;
}

/// <summary>
/// The host seam for "who is the operator of this request": an Umbraco site (and the Site, through
/// the same Core interfaces) reads the backoffice user.
/// </summary>
public interface IOperatorContext
{
    /// <summary>The operator of the current request, or null when nobody is signed in (or the user has no role here).</summary>
    OperatorIdentity? Current { get; }
}
