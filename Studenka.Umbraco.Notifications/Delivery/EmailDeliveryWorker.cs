using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Email;

namespace Studenka.Umbraco.Notifications.Delivery;

/// <summary>
/// The node's e-mail loop, beside the SMS one (<see cref="DeliveryWorker"/>): send what is due,
/// then wait for <see cref="DeliverySignal"/> or the poll interval. A loop of its own, so e-mail at
/// a few messages per second never keeps a delivery pass (and the SMS behind it) waiting. Leases,
/// snapshots and campaign completion stay with the SMS loop's pass, which covers both channels.
/// </summary>
public sealed class EmailDeliveryWorker(
    OutboxDispatcher dispatcher,
    DeliveryStatus status,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    IOptions<EmailOptions> email,
    ILogger<EmailDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.WorkerEnabled || !email.Value.Enabled)
        {
            logger.LogInformation("E-mail delivery is off on this node (Studenka:Delivery:WorkerEnabled or Studenka:Email:Enabled is false)");
            return;
        }

        var poll = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // This node's view of the shared e-mail pause (a resume on another node).
                await status.CurrentAsync(OutboxChannel.Email, stoppingToken);
                await dispatcher.DispatchEmailAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "E-mail delivery pass failed; retrying in {Poll}", poll);
            }

            try
            {
                await signal.WaitEmailAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
