using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.Notifications.Umbraco;

internal static class HostServices
{
    /// <summary>
    /// Umbraco's own service, or null where the host has none or cannot build it. Core registers several
    /// services (the server role, the runtime state, the content service) as factories over
    /// Infrastructure's; a host with Core alone (the standalone Site, a test host) has the registration
    /// but not what it needs, and would otherwise fail where the package only wanted to ask.
    /// </summary>
    /// <param name="withoutIt">What the package does instead, for the log.</param>
    public static T? Optional<T>(this IServiceProvider services, ILogger logger, string withoutIt)
        where T : class
    {
        try
        {
            return services.GetService<T>();
        }
        catch (InvalidOperationException e)
        {
            logger.LogWarning(e, "{Service} cannot be built in this host (Umbraco's Infrastructure is missing); {WithoutIt}", typeof(T).Name, withoutIt);
            return null;
        }
    }
}
