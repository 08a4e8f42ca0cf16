using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// The account lockout's settings no longer exist; a site that still sets them is told at start
/// what replaced them, instead of the values being ignored without a word.
/// </summary>
internal sealed class RetiredOperatorSettingsWarning(IConfiguration configuration, ILogger<RetiredOperatorSettingsWarning> logger) : IHostedService
{
    private static readonly (string Old, string New)[] Renamed =
    [
        ("MaxFailedAttempts", "FailuresBeforeDelay"),
        ("LockoutMinutes", "MaxDelayMinutes"),
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(OperatorOptions.SectionName);
        foreach (var (old, replacement) in Renamed.Where(r => section[r.Old] is not null))
        {
            logger.LogWarning(
                "{Section}:{Old} is ignored: operator accounts no longer lock. Wrong logins now delay only the address they come from, for that name; see {Section}:{New}.",
                OperatorOptions.SectionName, old, OperatorOptions.SectionName, replacement);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
