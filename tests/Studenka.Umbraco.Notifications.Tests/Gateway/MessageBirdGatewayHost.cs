using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Tests.Gateway;

/// <summary>
/// The package's own registration (AddStudenkaNotifications) over in-memory configuration, so the
/// gateway under test carries the production resilience pipeline, only with tiny delays.
/// </summary>
internal sealed class MessageBirdGatewayHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private MessageBirdGatewayHost(ServiceProvider provider) => _provider = provider;

    public ISmsGateway Gateway => _provider.GetRequiredService<ISmsGateway>();

    public SmsOptions Options => _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsOptions>>().Value;

    public static Dictionary<string, string?> Settings(Uri baseUrl, string accessKey = "k1") => new()
    {
        ["Studenka:Sms:MessageBirdAccessKey"] = accessKey,
        ["Studenka:Sms:MessageBirdBaseUrl"] = baseUrl.ToString(),
        ["Studenka:Sms:MessageBirdMaxRetries"] = "3",
        ["Studenka:Sms:MessageBirdRetryBaseDelayMilliseconds"] = "1",
        ["Studenka:Sms:MessageBirdTimeoutSeconds"] = "5",
    };

    public static MessageBirdGatewayHost Create(Dictionary<string, string?> settings, RecordingLoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }
        });
        services.AddStudenkaNotifications(configuration);
        return new MessageBirdGatewayHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false }));
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
