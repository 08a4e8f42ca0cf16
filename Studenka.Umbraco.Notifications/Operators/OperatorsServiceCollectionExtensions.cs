using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.Notifications.Operators;

internal static class OperatorsServiceCollectionExtensions
{
    public static IServiceCollection AddOperators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        // The configuration the options are bound from, also where IConfiguration is not in the container.
        services.AddHostedService(sp => new RetiredOperatorSettingsWarning(configuration, sp.GetRequiredService<ILogger<RetiredOperatorSettingsWarning>>()));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OperatorRepository>();
        services.TryAddSingleton<IPasswordHasher<Operator>, PasswordHasher<Operator>>();
        services.AddSingleton<OperatorLoginThrottle>();
        services.AddSingleton<OperatorSignIn>();
        services.AddSingleton<OperatorAccounts>();
        services.TryAddSingleton<IOperatorContext, NoOperatorContext>();
        services.TryAddSingleton<IOperatorSessions, NoOperatorSessions>();
        services.AddFailClosedPolicies();
        return services;
    }
}

/// <summary>The default when no host adapter says who is signed in: nobody.</summary>
internal sealed class NoOperatorContext : IOperatorContext
{
    public OperatorIdentity? Current => null;
}
