using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Site;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// The real Site's services (built by <see cref="SiteApp.Build"/>, as in production) over a load
/// database, with the MessageBird client aimed at the fake. The gateway is wrapped in a stopwatch
/// so a run can tell gateway time from everything else (SQLite, claiming, rate limiting).
/// </summary>
internal static class BenchmarkSite
{
    public const string AccessKey = "live_benchmark_key";

    public static WebApplication Build(string connectionString, Uri gatewayBaseUrl, string directory, IReadOnlyDictionary<string, string> delivery, TimingGateway timing,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        // Command-line settings: in configuration before the package registers its services.
        var settings = new Dictionary<string, string>
        {
            // The Site's name, so it finds its static-assets manifest (copied beside this program).
            ["applicationName"] = typeof(SiteApp).Assembly.GetName().Name!,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Studenka:Persistence:Provider"] = provider.ToString(),
            ["Studenka:Persistence:ConnectionString"] = connectionString,
            ["Studenka:Sms:MessageBirdAccessKey"] = AccessKey,
            ["Studenka:Sms:MessageBirdBaseUrl"] = gatewayBaseUrl.ToString(),
        };
        foreach (var (key, value) in delivery)
        {
            settings["Studenka:Delivery:" + key] = value;
        }

        var args = settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"--{s.Key}={s.Value}")).ToArray();
        return SiteApp.Build(args, builder => Wrap(builder.Services, timing));
    }

    private static void Wrap(IServiceCollection services, TimingGateway timing)
    {
        var original = services.Last(d => d.ServiceType == typeof(ISmsGateway));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(ISmsGateway), sp =>
        {
            timing.Inner = original.ImplementationInstance as ISmsGateway
                ?? (ISmsGateway)(original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            return timing;
        }, original.Lifetime));
    }
}

/// <summary>Measures the time spent inside the gateway (HTTP to the fake and back), summed over all calls.</summary>
internal sealed class TimingGateway : ISmsGateway
{
    private long _ticks;
    private int _calls;

    public ISmsGateway Inner { get; set; } = null!;

    /// <summary>Accept at once without calling the real gateway: what is left is the dispatcher's own cost.</summary>
    public bool Instant { get; init; }

    public bool IsSandbox => Inner.IsSandbox;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public int Calls => Volatile.Read(ref _calls);

    public async Task<SmsSendResult> SendAsync(SmsBatch batch, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return Instant ? new SmsSendResult(SmsSendStatus.Accepted, ProviderMessageId: batch.Reference) : await Inner.SendAsync(batch, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _ticks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
            Interlocked.Increment(ref _calls);
        }
    }
}
