using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Notifications.Tests.Operators;

/// <summary>The real operator services over a fresh SQLite file and a fake clock.</summary>
internal sealed class OperatorTestBed : IAsyncDisposable
{
    public const string Password = "dlouhé-heslo-2026";

    private OperatorTestBed(TestDatabase database, FakeTimeProvider time)
    {
        Database = database;
        Time = time;
        var hasher = Hasher;
        var options = Options.Create(new OperatorOptions());
        Audit = new AuditLog(database.Connections, time);
        Repository = new OperatorRepository(database.Connections);
        Accounts = new OperatorAccounts(Repository, hasher, Audit, new NoOperatorSessions(), options, time);
        Throttle = new OperatorLoginThrottle(database.Connections, new InstallationSecrets(database.Connections), options, time);
        SignIn = new OperatorSignIn(Repository, Throttle, hasher, Audit, time);
    }

    /// <summary>The real hasher, counting verifications (to show the work does not depend on the name existing).</summary>
    public CountingHasher Hasher { get; } = new();

    public static readonly OperatorIdentity Setup = new("tests", "test setup");

    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public AuditLog Audit { get; }

    public OperatorRepository Repository { get; }

    public OperatorAccounts Accounts { get; }

    public OperatorLoginThrottle Throttle { get; }

    public OperatorSignIn SignIn { get; }

    public static async Task<OperatorTestBed> CreateAsync(DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        return new OperatorTestBed(await TestDatabase.CreateAsync(time, seed: false, engine: engine), time);
    }

    public async Task<Operator> CreateAsync(string userName = "jana", OperatorRole role = OperatorRole.Editor)
    {
        var result = await Accounts.CreateAsync(userName, "Jana Nováková", role, Password, Setup, CancellationToken.None);
        return result.Operator ?? throw new InvalidOperationException(result.Error);
    }

    public async Task<IReadOnlyList<string>> AuditActionsAsync() =>
        (await Audit.ReadAsync(100, CancellationToken.None)).Reverse().Select(e => e.Action).ToList();

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException("no value: " + sql);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    internal sealed class CountingHasher : IPasswordHasher<Operator>
    {
        private readonly PasswordHasher<Operator> _inner = new();

        public int Verifications { get; private set; }

        public string HashPassword(Operator user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Operator user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
