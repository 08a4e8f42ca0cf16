using Studenka.Umbraco.Site;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

public sealed class ImportRuianCommandTests
{
    [Fact]
    public async Task Import_ruian_loads_the_file_into_the_site_database_and_prints_a_summary()
    {
        await using var factory = new StudenkaSiteFactory();
        var path = Path.Combine(factory.Directory_, "20260731_OB_599921_ADR.csv");
        await File.WriteAllBytesAsync(path, RuianCsvFile.Encode(RuianCsvFile.Studenka));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ImportRuianCommand.RunAsync(factory.Services, [path], output, error, CancellationToken.None);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("adresních míst: 19", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Ulice: přidáno 2, potvrzeno 12", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Vyřazené ulice (nejsou v registru a nikdo na nich nebydlí): 10\n  2. května (Studénka)\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Čeká na přiřazení správcem (GET umbraco/sms/api/v1/areas/needs-mapping): 0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Čísla domů, která registr na dané ulici a v části obce nezná: 0", output.ToString(), StringComparison.Ordinal);
        using var db = factory.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM streets WHERE source = 'ruian' AND is_active = 1 AND name IN ('Na Trávníkách', 'Požárnická')";
        Assert.Equal(2L, command.ExecuteScalar());
        command.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action = 'areas.ruian-import.done' AND subject = 'file 20260731_OB_599921_ADR.csv'";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Import_ruian_of_another_municipality_fails_with_exit_code_1_and_the_reason()
    {
        await using var factory = new StudenkaSiteFactory();
        var path = Path.Combine(factory.Directory_, "20260731_OB_599999_ADR.csv");
        await File.WriteAllBytesAsync(path, RuianCsvFile.Encode([new RuianAddress(168491, "Trojanovice", null, 2, 599999, "Trojanovice")]));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ImportRuianCommand.RunAsync(factory.Services, [path], output, error, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains("599999 (Trojanovice)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
        using var db = factory.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action = 'areas.ruian-import.failed'";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Import_ruian_without_a_file_prints_usage_and_returns_2()
    {
        await using var factory = new StudenkaSiteFactory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ImportRuianCommand.RunAsync(factory.Services, [], output, error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("import-ruian SOUBOR", error.ToString(), StringComparison.Ordinal);
    }
}
