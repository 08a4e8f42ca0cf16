using System.Collections.Concurrent;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Web;

/// <summary>The sandbox page shows every verification code: on a live site only an administrator may read it.</summary>
public sealed class SandboxPageTests
{
    private static StudenkaSiteFactory LiveSite() => new() { EnvironmentName = "Production" };

    [Fact]
    public async Task On_a_live_site_without_a_key_an_anonymous_visitor_gets_401_and_sees_no_code()
    {
        using var site = LiveSite();
        var resident = new ResidentClient(site);
        await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: site), "/sms");
        var code = resident.LatestCode("+420603123456");

        using var sandbox = await resident.Http.GetAsync("/sms/sandbox");

        Assert.Equal(HttpStatusCode.Unauthorized, sandbox.StatusCode);
        Assert.DoesNotContain(code, await sandbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_live_site_an_editor_is_refused_and_an_administrator_reads_the_codes()
    {
        using var site = LiveSite();
        var resident = new ResidentClient(site);
        await resident.PostAsync("/sms/prihlaska", ResidentClient.SignUpForm(site: site), "/sms");
        var code = resident.LatestCode("+420603123456");
        var editor = await site.CreateOperatorClientAsync(OperatorRole.Editor);
        var administrator = await site.CreateOperatorClientAsync(OperatorRole.Administrator);

        using var refused = await editor.GetAsync("/sms/sandbox");
        var page = await administrator.GetStringAsync("/sms/sandbox");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(code, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(code, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_sites_menu_does_not_link_the_sandbox_but_says_that_no_sms_is_sent()
    {
        using var site = LiveSite();

        var home = await new ResidentClient(site).PageTextAsync("/");

        Assert.DoesNotContain("/sms/sandbox", home, StringComparison.Ordinal);
        Assert.Contains("Zkušební provoz: SMS se zatím neodesílají.", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_developers_machine_the_menu_links_the_sandbox_and_anyone_reads_it()
    {
        using var site = new StudenkaSiteFactory();
        var resident = new ResidentClient(site);

        var home = await resident.PageTextAsync("/");
        using var sandbox = await resident.Http.GetAsync("/sms/sandbox");

        Assert.Contains("<a href=\"/sms/sandbox\">Sandbox SMS</a>", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sandbox.StatusCode);
    }

    [Fact]
    public async Task The_newcomers_dotnet_run_profile_is_Development_so_the_readme_sandbox_link_works()
    {
        var settings = await File.ReadAllTextAsync(Path.Combine(SiteDirectory(), "Properties", "launchSettings.json"));

        using var json = System.Text.Json.JsonDocument.Parse(settings);
        var first = json.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("Development", first.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Equal("http://localhost:5000", first.GetProperty("applicationUrl").GetString());
    }

    [Fact]
    public async Task A_live_start_without_a_messagebird_key_logs_a_warning()
    {
        var logs = new ConcurrentQueue<(LogLevel Level, string Text)>();
        using var factory = LiveSite();
        using var site = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(new Recorder(logs)))));

        _ = site.Services;
        await Task.Yield();

        Assert.Contains(logs, l => l.Level == LogLevel.Warning && l.Text.Contains("No MessageBird access key", StringComparison.Ordinal)
            && l.Text.Contains("/sms/sandbox", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "Poslední zpráva")]
    [InlineData(3, "Poslední 3 zprávy")]
    [InlineData(5, "Posledních 5 zpráv")]
    public async Task The_sandbox_caption_counts_messages_in_correct_czech(int count, string caption)
    {
        using var site = new StudenkaSiteFactory();
        var resident = new ResidentClient(site);
        _ = site.Services;
        using (var db = site.OpenDatabase())
        {
            for (var i = 0; i < count; i++)
            {
                db.Execute("INSERT INTO sandbox_sms (recipient, originator, body, sent_at_ms) VALUES ('+420603123456', 'Studenka', 'Test', 0)");
            }
        }

        var page = await resident.PageTextAsync("/sms/sandbox");

        Assert.Contains($"<caption>{caption}</caption>", page, StringComparison.Ordinal);
    }

    private static string SiteDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "Studenka.Umbraco.Site")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Studenka.Umbraco.Site"), "Studenka.Umbraco.Site");
    }

    private sealed class Recorder(ConcurrentQueue<(LogLevel, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(logs);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
