using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;
using Studenka.Umbraco.Notifications.Umbraco;
using global::Umbraco.Cms.Core.Composing;
using global::Umbraco.Cms.Core.DependencyInjection;
using global::Umbraco.Cms.Core.Sync;

namespace Studenka.Umbraco.Notifications.Tests.Umbraco;

public sealed class StudenkaNotificationsComposerTests
{
    private static (ServiceCollection Services, UmbracoBuilder Builder) NewUmbracoBuilder(IConfiguration? configuration = null)
    {
        var typeLoader = new TypeLoader(
            new TypeFinder(
                NullLogger<TypeFinder>.Instance,
                new DefaultUmbracoAssemblyProvider(typeof(StudenkaNotificationsComposer).Assembly, NullLoggerFactory.Instance),
                null),
            NullLogger<TypeLoader>.Instance);
        var services = new ServiceCollection();
        return (services, new UmbracoBuilder(services, configuration ?? new ConfigurationBuilder().Build(), typeLoader));
    }

    private static int Count<TService>(IServiceCollection services) => services.Count(d => d.ServiceType == typeof(TService));

    private static int CountHostedServices<TImplementation>(IServiceCollection services) =>
        services.Count(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TImplementation));

    [Fact]
    public void The_composer_registers_the_package_services_in_Umbraco()
    {
        var (services, builder) = NewUmbracoBuilder();
        Assert.Equal(0, Count<SubscriptionService>(services));

        new StudenkaNotificationsComposer().Compose(builder);

        Assert.Equal(1, Count<SubscriptionService>(services));
        Assert.Equal(1, Count<ISmsGateway>(services));
        Assert.Equal(1, Count<IDbConnectionFactory>(services));
        Assert.Equal(1, Count<VerificationSmsThrottle>(services));
        Assert.Equal(1, CountHostedServices<DatabaseInitializer>(services));
    }

    [Fact]
    public void Registering_twice_through_the_composer_and_the_host_does_not_duplicate_anything()
    {
        var (services, builder) = NewUmbracoBuilder();
        new StudenkaNotificationsComposer().Compose(builder);
        var once = services.Count;

        builder.AddStudenkaNotifications();
        services.AddStudenkaNotifications(builder.Config);

        Assert.Equal(once, services.Count);
        Assert.Equal(1, Count<SubscriptionService>(services));
        Assert.Equal(1, CountHostedServices<DatabaseInitializer>(services));
    }

    [Fact]
    public void A_clock_registered_by_the_host_is_kept()
    {
        var (services, builder) = NewUmbracoBuilder();
        var hostClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(hostClock);

        new StudenkaNotificationsComposer().Compose(builder);

        var clock = Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        Assert.Same(hostClock, clock.ImplementationInstance);
    }

    [Fact]
    public async Task The_services_registered_by_the_composer_resolve_and_the_initializer_prepares_the_database()
    {
        var directory = Path.Combine(Path.GetTempPath(), "studenka-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{PersistenceOptions.SectionName}:ConnectionString"] = $"Data Source={Path.Combine(directory, "sms.db")}",
            })
            .Build();
        var (services, builder) = NewUmbracoBuilder(configuration);
        // Every host (Umbraco's too) provides its environment; the package reads it at start.
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production });
        // Core's own registration asks Infrastructure's server registrations; a single-server site sets this one.
        services.AddSingleton<IServerRoleAccessor, SingleServerRoleAccessor>();
        new StudenkaNotificationsComposer().Compose(builder);

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var initializer = provider.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
        await initializer.StartAsync(CancellationToken.None);
        var decision = await provider.GetRequiredService<VerificationSmsThrottle>().TryReserveAsync("+420603123456", null, CancellationToken.None);

        Assert.NotNull(provider.GetRequiredService<SubscriptionService>());
        Assert.True(decision.IsAllowed, "the throttle works against the database the initializer created");
        Assert.True(File.Exists(Path.Combine(directory, "sms.db")));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Without_a_setting_the_database_is_a_file_in_umbracos_data_folder()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "studenka-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(contentRoot);
        var (services, builder) = NewUmbracoBuilder(new ConfigurationBuilder().Build());
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = contentRoot });
        new StudenkaNotificationsComposer().Compose(builder);

        await using var provider = services.BuildServiceProvider();
        var connections = Assert.IsType<SqliteConnectionFactory>(provider.GetRequiredService<IDbConnectionFactory>());

        Assert.Equal(Path.Combine(contentRoot, "umbraco", "Data", "studenka-sms.db"), connections.DataSource);
        Directory.Delete(contentRoot, recursive: true);
    }

    [Fact]
    public async Task PostgreSql_without_a_connection_string_is_refused_at_start_with_the_setting_named()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{PersistenceOptions.SectionName}:Provider"] = "PostgreSql" })
            .Build();
        var (services, builder) = NewUmbracoBuilder(configuration);
        new StudenkaNotificationsComposer().Compose(builder);

        await using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PersistenceOptions>>().Value);

        Assert.Contains("Studenka:Persistence:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
