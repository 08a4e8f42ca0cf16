namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>The default when the host registers no operator adapter: nobody is an operator.</summary>
internal sealed class NoOperatorContext : IOperatorContext
{
    public OperatorIdentity? Current => null;
}
