using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Umbraco;
using Studenka.Umbraco.Testing;
using global::Umbraco.Cms.Core;
using global::Umbraco.Cms.Core.Composing;
using global::Umbraco.Cms.Core.Configuration.Models;
using global::Umbraco.Cms.Core.DependencyInjection;
using global::Umbraco.Cms.Core.Events;
using global::Umbraco.Cms.Core.Models;
using global::Umbraco.Cms.Core.Models.Membership;
using global::Umbraco.Cms.Core.Models.PublishedContent;
using global::Umbraco.Cms.Core.Notifications;
using global::Umbraco.Cms.Core.Routing;
using global::Umbraco.Cms.Core.Security;
using global::Umbraco.Cms.Core.Services;
using global::Umbraco.Cms.Core.Strings;
using global::Umbraco.Cms.Core.Sync;
using global::Umbraco.Extensions;

namespace Studenka.Umbraco.Notifications.Tests.Editors;

/// <summary>
/// The package composed by its composer through Core's <see cref="UmbracoBuilder"/> and <see cref="TypeLoader"/>,
/// over a real SQLite file the package's initializer migrates and seeds, a fake clock (Friday
/// 27 November 2026, 10:00 in Studénka), Core's <see cref="EventAggregator"/> to publish through,
/// and pages made of Core <see cref="ContentType"/>/<see cref="Content"/> with real properties. The host's
/// parts are doubles of Core interfaces: the URL provider ("/akce/{name}"), the signed-in editor, and
/// the reminders feature's <see cref="IReminderScheduler"/> (recording).
/// </summary>
internal sealed class PublishingBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly IShortStringHelper Strings = new DefaultShortStringHelper(new DefaultShortStringHelperConfig().WithDefault(new RequestHandlerSettings()));

    private readonly TempFolder _folder;
    private readonly string? _postgres;

    private PublishingBed(TempFolder folder, string? postgres, ServiceProvider provider, FakeTimeProvider time, RecordingReminderScheduler? reminders)
    {
        _folder = folder;
        _postgres = postgres;
        Provider = provider;
        Time = time;
        Reminders = reminders ?? new RecordingReminderScheduler();
    }

    public ServiceProvider Provider { get; }

    public FakeTimeProvider Time { get; }

    public RecordingReminderScheduler Reminders { get; }

    public IDbConnectionFactory Connections => Provider.GetRequiredService<IDbConnectionFactory>();

    public static async Task<PublishingBed> CreateAsync(
        IDictionary<string, string?>? settings = null, bool withScheduler = true, DatabaseProvider engine = DatabaseProvider.Sqlite, IContentService? contentService = null)
    {
        var folder = new TempFolder();
        var postgres = engine == DatabaseProvider.PostgreSql ? TestPostgres.CreateDatabase() : null;
        var values = new Dictionary<string, string?>
        {
            [$"{PersistenceOptions.SectionName}:ConnectionString"] = postgres ?? $"Data Source={folder.File("sms.db")}",
            [$"{PersistenceOptions.SectionName}:Provider"] = engine.ToString(),
            ["Studenka:Web:PublicBaseUrl"] = "https://www.studenka.cz",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var typeLoader = new TypeLoader(
            new TypeFinder(NullLogger<TypeFinder>.Instance, new DefaultUmbracoAssemblyProvider(typeof(StudenkaNotificationsComposer).Assembly, NullLoggerFactory.Instance), null),
            NullLogger<TypeLoader>.Instance);
        var services = new ServiceCollection();
        var time = new FakeTimeProvider(Start);
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = folder.Path });
        var builder = new UmbracoBuilder(services, new ConfigurationBuilder().AddInMemoryCollection(values).Build(), typeLoader);
        new StudenkaNotificationsComposer().Compose(builder);
        services.AddSingleton<IPublishedUrlProvider, EventUrls>();
        services.AddSingleton<IBackOfficeSecurityAccessor>(new SignedInEditor());
        if (contentService is not null)
        {
            services.AddSingleton(contentService);
        }
        // Core's own registration asks Infrastructure's server registrations; a single-server site sets this one.
        services.AddSingleton<IServerRoleAccessor, SingleServerRoleAccessor>();
        var reminders = withScheduler ? new RecordingReminderScheduler() : null;
        if (reminders is not null)
        {
            services.AddSingleton<IReminderScheduler>(reminders);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single().StartAsync(CancellationToken.None);
        return new PublishingBed(folder, postgres, provider, time, reminders);
    }

    /// <summary>A document type like the town's: the SMS properties, invariant or varying by culture.</summary>
    public static ContentType DocumentType(string alias, bool variesByCulture = false)
    {
        var type = new ContentType(Strings, -1) { Alias = alias, Name = alias, Variations = variesByCulture ? ContentVariation.Culture : ContentVariation.Nothing };
        void Add(string propertyAlias, string editor, ValueStorageType storage) =>
            type.AddPropertyType(new PropertyType(Strings, editor, storage, propertyAlias)
            {
                Name = propertyAlias,
                Variations = variesByCulture && propertyAlias is "smsText" or "eventLocation" ? ContentVariation.Culture : ContentVariation.Nothing,
            }, "sms", "SMS");
        Add("smsEnabled", Constants.PropertyEditors.Aliases.Boolean, ValueStorageType.Integer);
        Add("smsText", Constants.PropertyEditors.Aliases.TextArea, ValueStorageType.Ntext);
        Add("smsPackage", Constants.PropertyEditors.Aliases.TextBox, ValueStorageType.Nvarchar);
        Add("smsAreas", Constants.PropertyEditors.Aliases.TextArea, ValueStorageType.Ntext);
        Add("eventStart", Constants.PropertyEditors.Aliases.DateTime, ValueStorageType.Date);
        Add("eventLocation", Constants.PropertyEditors.Aliases.TextBox, ValueStorageType.Nvarchar);
        Add("smsReminders", Constants.PropertyEditors.Aliases.TextBox, ValueStorageType.Nvarchar);
        return type;
    }

    /// <summary>An event page "Adventní koncert" on Saturday 12 December 2026 at 18:00 town time, SMS on, package 4, Butovice.</summary>
    public static Content EventPage(ContentType? type = null)
    {
        var page = new Content("Adventní koncert", -1, type ?? DocumentType("eventPage")) { Key = Guid.NewGuid() };
        page.SetValue("smsEnabled", 1);
        page.SetValue("smsPackage", "4");
        page.SetValue("smsAreas", "Butovice");
        page.SetValue("eventStart", new DateTime(2026, 12, 12, 18, 0, 0, DateTimeKind.Unspecified));
        page.SetValue("eventLocation", "kostel sv. Bartoloměje", page.ContentType.VariesByCulture() ? "cs-CZ" : null);
        return page;
    }

    /// <summary>Publishes as Umbraco raises it: with the cultures published ("*" for an invariant page) and unpublished.</summary>
    public Task PublishAsync(IContent page, string[]? cultures = null, string[]? unpublishedCultures = null) =>
        Provider.GetRequiredService<IEventAggregator>().PublishAsync(new ContentPublishedNotification(page, new EventMessages(),
            new Dictionary<Guid, IReadOnlyCollection<string>> { [page.Key] = cultures ?? ["*"] },
            new Dictionary<Guid, IReadOnlyCollection<string>> { [page.Key] = unpublishedCultures ?? [] }));

    public Task UnpublishAsync(IContent page) =>
        Provider.GetRequiredService<IEventAggregator>().PublishAsync(new ContentUnpublishedNotification(page, new EventMessages()));

    public Task TrashAsync(IContent page) =>
        Provider.GetRequiredService<IEventAggregator>().PublishAsync(new ContentMovedToRecycleBinNotification(
            new MoveToRecycleBinEventInfo<IContent>(page, "-1," + page.Id), new EventMessages()));

    /// <summary>The page's campaigns, oldest first.</summary>
    public async Task<IReadOnlyList<Campaign>> CampaignsAsync(IContent page) =>
        (await Provider.GetRequiredService<CampaignRepository>().ListByContentAsync(page.Key, CancellationToken.None)).Reverse().ToList();

    public async Task<string> AuditDetailsAsync(long campaignId)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return string.Join("\n", await connection.QueryAsync<string>(
            "SELECT actor FROM audit_log WHERE subject = @subject", new { subject = $"campaign:{campaignId}" }));
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        if (_postgres is not null)
        {
            TestPostgres.DropDatabase(_postgres);
        }

        _folder.Dispose();
    }

    /// <summary>The host's URL provider: a published page lives at "/akce/{url segment}" (relative, as Umbraco answers without a domain).</summary>
    private sealed class EventUrls : IPublishedUrlProvider
    {
        public UrlMode Mode { get; set; } = UrlMode.Auto;

        public string GetUrl(Guid id, UrlMode mode = UrlMode.Default, string? culture = null, Uri? current = null) => "/akce/" + id.ToString("N")[..8];

        public string GetUrl(int id, UrlMode mode = UrlMode.Default, string? culture = null, Uri? current = null) => "#";

        public string GetUrl(IPublishedContent? content, UrlMode mode = UrlMode.Default, string? culture = null, Uri? current = null) => "#";

        public string GetUrlFromRoute(int id, string? route, string? culture) => "#";

        public IEnumerable<UrlInfo> GetOtherUrls(int id) => [];

        public IEnumerable<UrlInfo> GetOtherUrls(int id, Uri current) => [];

        public string GetMediaUrl(Guid id, UrlMode mode = UrlMode.Default, string? culture = null, string propertyAlias = Constants.Conventions.Media.File, Uri? current = null) => "#";

        public string GetMediaUrl(IPublishedContent? content, UrlMode mode = UrlMode.Default, string? culture = null, string propertyAlias = Constants.Conventions.Media.File, Uri? current = null) => "#";
    }

    /// <summary>Core's accessor with the editor who clicked "Publish".</summary>
    private sealed class SignedInEditor : IBackOfficeSecurityAccessor, IBackOfficeSecurity
    {
        private readonly User _user = new(new GlobalSettings(), "Jana Nováková", "jana@studenka.example", "jnovakova", "hash");

        public IBackOfficeSecurity? BackOfficeSecurity => this;

        public IUser? CurrentUser => _user;

        public bool IsAuthenticated() => true;

        public bool UserHasSectionAccess(string section, IUser user) => true;
    }
}
