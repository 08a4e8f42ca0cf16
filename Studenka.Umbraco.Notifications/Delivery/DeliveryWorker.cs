using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// The node's delivery loop: a pass, then wait for <see cref="DeliverySignal"/> or the poll interval.
/// A failing pass is logged and the loop goes on; it never dies silently.
/// </summary>
public sealed class DeliveryWorker(
    DeliveryRunner runner,
    LeaseRecovery leases,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.WorkerEnabled)
        {
            logger.LogInformation("SMS delivery worker is off on this node (Studenka:Delivery:WorkerEnabled = false)");
            return;
        }

        var restartResolved = false;
        var poll = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!restartResolved)
                {
                    await leases.ResolveAfterRestartAsync(stoppingToken);
                    restartResolved = true;
                }

                await runner.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "SMS delivery pass failed; retrying in {Poll}", poll);
            }

            try
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
