using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>Says at start, in the log, what a live site is missing.</summary>
internal sealed class WebStartupChecks(
    SandboxAccess sandbox,
    IHostEnvironment environment,
    IOptions<WebOptions> web,
    IConfiguration configuration,
    ILogger<WebStartupChecks> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return Task.CompletedTask;
        }

        if (sandbox.IsSandbox)
        {
            logger.LogWarning(
                "No MessageBird access key (Studenka:Sms:MessageBirdAccessKey) in {Environment}: the sandbox gateway sends no SMS, so residents get no codes. "
                + "The sandbox page /sms/sandbox is shown to signed-in administrators only.", environment.EnvironmentName);
        }

        if (web.Value.PublicBaseUrl is null && configuration["AllowedHosts"] is null or "" or "*")
        {
            logger.LogWarning(
                "Neither Studenka:Web:PublicBaseUrl nor AllowedHosts is set: absolute links (START replies) use the Host header the client sent.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
