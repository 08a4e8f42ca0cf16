namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>Who is acting, as written into campaigns and the audit log.</summary>
public sealed record OperatorIdentity(string Id, string DisplayName);

/// <summary>
/// The host seam for "who is the operator of this request": the Site reads its own cookie login,
/// an Umbraco site reads the backoffice user.
/// </summary>
public interface IOperatorContext
{
    /// <summary>The operator of the current request, or null when nobody is signed in.</summary>
    OperatorIdentity? Current { get; }
}
