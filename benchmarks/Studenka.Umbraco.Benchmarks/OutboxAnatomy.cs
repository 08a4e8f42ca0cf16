using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Testing.Load;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// Where a batch's time goes outside the gateway: the three SQLite statements of one batch
/// (claim, mark sending, record accepted), timed one after another on a 100,000-row outbox.
/// </summary>
internal static class OutboxAnatomy
{
    public static async Task<string> RunAsync(int recipients, int batches)
    {
        var directory = Scratch.NewDirectory("anatomy");
        try
        {
            var database = await LoadDatabase.CreateAsync(Path.Combine(directory, "studenka-sms.db"));
            await database.AddSubscribersAsync(recipients);
            await database.AddDueCampaignAsync();
            await using var gateway = await FakeMessageBirdServer.StartAsync(new FakeMessageBirdOptions { AccessKey = BenchmarkSite.AccessKey });
            await using var app = BenchmarkSite.Build(database.ConnectionString, gateway, directory, new Dictionary<string, string> { ["WorkerEnabled"] = "false" }, new TimingGateway());
            await app.Services.GetRequiredService<CampaignSnapshotter>().SnapshotDueAsync(CancellationToken.None);
            var claims = app.Services.GetRequiredService<OutboxClaims>();
            var time = TimeProvider.System;
            TimeSpan claim = default, mark = default, record = default;
            for (var i = 0; i < batches; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var batch = await claims.ClaimAsync("anatomy/1", 50, time.GetUtcNow(), TimeSpan.FromMinutes(10), CancellationToken.None)
                    ?? throw new InvalidOperationException("The outbox ran out of rows.");
                claim += Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                await claims.MarkSendingAsync(batch, "anatomy/1", time.GetUtcNow(), CancellationToken.None);
                mark += Stopwatch.GetElapsedTime(started);
                started = Stopwatch.GetTimestamp();
                await claims.RecordAcceptedAsync(batch.BatchId, "id", time.GetUtcNow(), CancellationToken.None);
                record += Stopwatch.GetElapsedTime(started);
            }

            return string.Create(CultureInfo.InvariantCulture, $"""
                (b') one batch's SQLite work, sequential, {batches} batches of 50 from a {recipients:N0}-row outbox
                    claim {claim.TotalMilliseconds / batches:0.00} ms, mark sending {mark.TotalMilliseconds / batches:0.00} ms, record accepted {record.TotalMilliseconds / batches:0.00} ms per batch
                """);
        }
        finally
        {
            Scratch.Delete(directory);
        }
    }
}
