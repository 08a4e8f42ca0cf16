namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// The host seam for "end this operator's sessions now" (revoke their tokens), called when an
/// operator is disabled. The default does nothing: a host without its own sign-in has no sessions.
/// </summary>
public interface IOperatorSessions
{
    Task EndAllAsync(Operator account, CancellationToken cancellationToken);
}

internal sealed class NoOperatorSessions : IOperatorSessions
{
    public Task EndAllAsync(Operator account, CancellationToken cancellationToken) => Task.CompletedTask;
}
