using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Editors;
using Studenka.Umbraco.Notifications.Reminders;
using Studenka.Umbraco.Notifications.Umbraco;
using global::Umbraco.Cms.Core.Composing;
using global::Umbraco.Cms.Core.DependencyInjection;
using global::Umbraco.Cms.Core.Events;
using global::Umbraco.Cms.Core.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace Studenka.Umbraco.Notifications.Tests.Editors;

public sealed class EditorOptionsTests
{
    private static IServiceCollection Composed(IDictionary<string, string?> settings)
    {
        var typeLoader = new TypeLoader(
            new TypeFinder(NullLogger<TypeFinder>.Instance, new DefaultUmbracoAssemblyProvider(typeof(StudenkaNotificationsComposer).Assembly, NullLoggerFactory.Instance), null),
            NullLogger<TypeLoader>.Instance);
        var services = new ServiceCollection();
        var builder = new UmbracoBuilder(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), typeLoader);
        new StudenkaNotificationsComposer().Compose(builder);
        builder.AddStudenkaNotifications();
        return services;
    }

    [Fact]
    public void The_composer_registers_the_three_content_handlers_once()
    {
        var services = Composed(new Dictionary<string, string?>());

        Assert.Single(services, d => d.ServiceType == typeof(INotificationAsyncHandler<ContentPublishedNotification>) && d.ImplementationType == typeof(ContentSmsHandlers));
        Assert.Single(services, d => d.ServiceType == typeof(INotificationAsyncHandler<ContentUnpublishedNotification>) && d.ImplementationType == typeof(ContentSmsHandlers));
        Assert.Single(services, d => d.ServiceType == typeof(INotificationAsyncHandler<ContentMovedToRecycleBinNotification>) && d.ImplementationType == typeof(ContentSmsHandlers));
        // The reminders the handlers ask for are Quartz's (the Reminders feature), registered once too.
        Assert.Single(services, d => d.ServiceType == typeof(IReminderScheduler) && d.ImplementationType == typeof(QuartzReminderScheduler));
    }

    [Fact]
    public void The_defaults_are_the_town_ones()
    {
        var options = new EditorOptions();

        Assert.Equal("cs-CZ", options.Culture);
        Assert.Equal(["eventPage", "newsPage"], options.DocumentTypes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0))], options.DefaultOffsets(options.DocumentTypes["eventPage"], 3));
        Assert.Equal([ReminderOffset.DayBeforeAt(1, new TimeOnly(9, 0)), ReminderOffset.BeforeStart(TimeSpan.FromHours(2))], options.DefaultOffsets(options.DocumentTypes["eventPage"], 4));
        Assert.Empty(options.DefaultOffsets(options.DocumentTypes["newsPage"], 4));
    }

    [Theory]
    [InlineData("Studenka:Editors:Culture", "klingonsky", "Studenka:Editors:Culture")]
    [InlineData("Studenka:Editors:DocumentTypes:eventPage:Reminders:0", "ráno", "Studenka:Editors:DocumentTypes:eventPage:Reminders")]
    [InlineData("Studenka:Editors:DocumentTypes:eventPage:PackageReminders:9:0", "2h", "PackageReminders:9")]
    [InlineData("Studenka:Editors:DocumentTypes:galaPage:Reminders:0", "1d@09:00", "Studenka:Editors:DocumentTypes:galaPage needs")]
    [InlineData("Studenka:Editors:Properties:SmsText", " ", "Studenka:Editors:Properties:SmsText")]
    [InlineData("Studenka:Editors:CreateAs", "now", "CreateAs")]
    public void Bad_settings_are_refused_at_start_with_the_setting_named(string key, string value, string named)
    {
        using var provider = Composed(new Dictionary<string, string?> { [key] = value }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EditorOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1d@09:00", "1d@09:00")]
    [InlineData("2h", "2h")]
    [InlineData("1h30m, 2d@18:30", "1h30m,2d@18:30")]
    [InlineData("30m;\n1d@9:00", "30m,1d@09:00")]
    [InlineData("-", "")]
    public void The_reminders_format_reads_days_at_a_time_and_durations(string text, string expected)
    {
        var (offsets, error) = ReminderOffsetsFormat.Parse(text);

        Assert.Null(error);
        Assert.Equal(expected, string.Join(",", offsets!.Select(ReminderOffsetsFormat.Format)));
    }

    [Theory]
    [InlineData("ráno", "nemá správný tvar")]
    [InlineData("0d@09:00", "1 až 30")]
    [InlineData("1d@25:00", "HH:mm")]
    [InlineData("1m", "5 minut až 30 dní")]
    [InlineData("1h,2h,3h,4h,5h,6h", "nejvýše 5")]
    public void A_bad_reminders_text_gets_a_czech_error_naming_the_entry(string text, string error)
    {
        var (offsets, message) = ReminderOffsetsFormat.Parse(text);

        Assert.Null(offsets);
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_reminders_mean_the_defaults()
    {
        Assert.Equal((null, null), ReminderOffsetsFormat.Parse("  "));
    }
}
