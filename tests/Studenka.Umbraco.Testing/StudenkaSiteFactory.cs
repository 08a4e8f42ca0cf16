using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Server;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// The real Site over a fresh database with a fake clock: a SQLite file in a temp folder, or — when
/// <c>STUDENKA_TEST_ENGINE=PostgreSql</c> (test.sh's second run of the integration suite) — a new
/// database on the test PostgreSQL server. Settings can be overridden per test (e.g. tiny rate
/// limits). Dispose deletes the folder and drops the database.
/// </summary>
public class StudenkaSiteFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    /// <summary>
    /// One RSA pair for every host of the test process. The Site makes ephemeral ones at each start,
    /// and generating two 2048-bit keys cost each host seconds on a loaded machine (most of a short
    /// test). They sign nothing that is checked: tokens are Data Protection payloads (the Site's comment).
    /// </summary>
    private static readonly Lazy<(RsaSecurityKey Signing, RsaSecurityKey Encryption)> ServerKeys = new(() =>
        (new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)), new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048))));

    /// <summary>The engine this run of the suite uses (one switch for every test).</summary>
    public static DatabaseProvider Engine { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("STUDENKA_TEST_ENGINE"), ignoreCase: true, out var engine) ? engine : DatabaseProvider.Sqlite;

    public StudenkaSiteFactory(IDictionary<string, string?>? settings = null, string? directory = null)
    {
        Directory_ = directory ?? Path.Combine(Path.GetTempPath(), "studenka-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory_);
        DatabasePath = Path.Combine(Directory_, "studenka-sms.db");
        // A second host on the same folder (restart, second node) shares the first one's database.
        var shared = settings is not null && settings.TryGetValue("Studenka:Persistence:ConnectionString", out var given) ? given : null;
        var marker = Path.Combine(Directory_, "postgres-database.txt");
        if (Engine == DatabaseProvider.PostgreSql && shared is null && File.Exists(marker))
        {
            shared = File.ReadAllText(marker);
        }

        _ownsDatabase = shared is null;
        ConnectionString = Engine == DatabaseProvider.PostgreSql ? shared ?? TestPostgres.CreateDatabase() : $"Data Source={DatabasePath}";
        if (Engine == DatabaseProvider.PostgreSql && _ownsDatabase)
        {
            File.WriteAllText(marker, ConnectionString);
        }

        _settings = new Dictionary<string, string?>
        {
            ["Studenka:Persistence:Provider"] = Engine.ToString(),
            ["Studenka:Persistence:ConnectionString"] = ConnectionString,
            // Generous by default so tests that are not about limits never trip over them.
            ["Studenka:Subscriptions:IpPermitLimit"] = "1000",
            ["Studenka:Subscriptions:NetworkPermitLimit"] = "1000",
            ["Studenka:Subscriptions:NetworkDailyLimit"] = "1000",
            ["Studenka:Operators:LoginAttemptsPerIp"] = "1000",
            ["Studenka:Subscriptions:ResendCooldownSeconds"] = "60",
            // No test reaches ČÚZK: port 9 (discard) on loopback refuses; tests that download start their own server.
            ["Studenka:Ruian:CuzkBaseUrl"] = "http://127.0.0.1:9/vymenny_format/csv/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>Starts at a fixed winter weekday morning in Prague (UTC+1).</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public string Directory_ { get; }

    /// <summary>Development by default (the sandbox page is open); Production to test a live site.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public string DatabasePath { get; }

    /// <summary>The package database's connection string (pass it to a second host to share the database).</summary>
    public string ConnectionString { get; }

    public DbConnection OpenDatabase()
    {
        DbConnection connection = Engine == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Waits until the site's worker has sent every service message queued so far (codes, notices,
    /// confirmations, STOP/START answers leave through the outbox within a second or two), so a
    /// test reads what the resident received. Throws when they do not leave in time (worker off?).
    /// </summary>
    public void DrainOutbox(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            using (var db = OpenDatabase())
            using (var command = db.CreateCommand())
            {
                command.CommandText = "SELECT COUNT(*) FROM outbox WHERE lane = 'service' AND status IN ('pending', 'claimed', 'sending')";
                if ((long)command.ExecuteScalar()! == 0)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Service messages are still waiting in the outbox; is the delivery worker on?");
            }

            Thread.Sleep(20);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddOpenIddict().AddServer(o => o
                .Configure(options =>
                {
                    options.SigningCredentials.Clear();
                    options.EncryptionCredentials.Clear();
                })
                .AddSigningKey(ServerKeys.Value.Signing)
                .AddEncryptionKey(ServerKeys.Value.Encryption));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (Engine == DatabaseProvider.PostgreSql && _ownsDatabase)
            {
                TestPostgres.DropDatabase(ConnectionString);
            }

            try
            {
                System.IO.Directory.Delete(Directory_, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing request; the OS temp cleaner takes it later.
            }
        }
    }
}
