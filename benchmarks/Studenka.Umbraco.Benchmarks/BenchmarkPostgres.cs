using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Benchmarks;

/// <summary>
/// The PostgreSQL server of the PostgreSQL runs: the tests' server (<c>STUDENKA_TEST_POSTGRES</c>,
/// e.g. from <c>source .ci/postgres.sh start</c>). Each run gets its own database, dropped afterwards.
/// </summary>
internal static class BenchmarkPostgres
{
    public static bool Available => TestPostgres.Server is not null;

    public static string CreateDatabase() => Available
        ? TestPostgres.CreateDatabase()
        : throw new InvalidOperationException($"{TestPostgres.Variable} is not set: run `eval \"$(.ci/postgres.sh start | tail -1)\"` first (see benchmarks/README.md).");
}
