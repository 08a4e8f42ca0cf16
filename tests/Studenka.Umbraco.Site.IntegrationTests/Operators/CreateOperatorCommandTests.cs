using System.Net;
using Dapper;
using Studenka.Umbraco.Site;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class CreateOperatorCommandTests
{
    private const string Password = "Heslo pro dispečink 2026";

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        StudenkaSiteFactory site, string stdin, Func<string, string?>? prompt, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CreateOperatorCommand.RunAsync(site.Services, args, new StringReader(stdin), output, error, prompt, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_command_creates_an_operator_from_a_piped_password_who_can_then_log_in()
    {
        using var site = new StudenkaSiteFactory();

        var (exitCode, output, error) = await RunAsync(site, Password + "\n", null,
            "--user", "starosta", "--name", "Jan Starosta", "--role", "Administrator", "--password-stdin");
        using var client = site.CreateAnonymousClient();
        using var login = await client.LoginAsync("starosta", Password);

        Assert.True(exitCode == 0, error);
        Assert.Equal("Operátor starosta (Jan Starosta) s rolí Správce (Administrator) byl vytvořen." + Environment.NewLine, output);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        using var db = site.OpenDatabase();
        var audit = db.QuerySingle<(string Actor, string Action, string Subject)>("SELECT actor, action, subject FROM audit_log WHERE action = 'operator.created'");
        Assert.StartsWith("command line (", audit.Actor, StringComparison.Ordinal);
        Assert.Equal("starosta", audit.Subject);
    }

    [Fact]
    public async Task The_command_asks_twice_for_the_password_when_run_in_a_terminal()
    {
        using var site = new StudenkaSiteFactory();
        var prompts = new List<string>();

        var (exitCode, _, error) = await RunAsync(site, "", p => { prompts.Add(p); return Password; },
            "--user", "hlidka", "--name", "Městská policie", "--role", "dispatch");

        Assert.True(exitCode == 0, error);
        Assert.Equal(["Heslo: ", "Heslo znovu: "], prompts);
        using var client = site.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("hlidka", Password)).StatusCode);
    }

    [Theory]
    [InlineData("Dispečink", "Dispatch")]
    [InlineData("redaktor", "Editor")]
    [InlineData("SPRÁVCE", "Administrator")]
    public async Task The_role_may_be_given_by_its_czech_name(string given, string stored)
    {
        using var site = new StudenkaSiteFactory();

        var (exitCode, output, error) = await RunAsync(site, Password + "\n", null,
            "--user", "hlidka", "--name", "Městská policie", "--role", given, "--password-stdin");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"({stored}) byl vytvořen.", output, StringComparison.Ordinal);
        using var db = site.OpenDatabase();
        Assert.Equal(stored, db.QuerySingle<string>("SELECT role FROM operators WHERE user_name = 'hlidka'"));
    }

    [Fact]
    public async Task Two_different_passwords_typed_in_the_terminal_create_nothing()
    {
        using var site = new StudenkaSiteFactory();
        var answers = new Queue<string>([Password, Password + "x"]);

        var (exitCode, _, error) = await RunAsync(site, "", _ => answers.Dequeue(), "--user", "hlidka", "--name", "Hlídka", "--role", "Dispatch");

        Assert.Equal(1, exitCode);
        Assert.Contains("Hesla se neshodují", error, StringComparison.Ordinal);
        Assert.Equal(0L, Count(site));
    }

    [Fact]
    public async Task Without_a_terminal_and_without_password_stdin_the_command_explains_how_and_creates_nothing()
    {
        using var site = new StudenkaSiteFactory();

        var (exitCode, _, error) = await RunAsync(site, Password + "\n", null, "--user", "hlidka", "--name", "Hlídka", "--role", "Dispatch");

        Assert.Equal(1, exitCode);
        Assert.Contains("--password-stdin", error, StringComparison.Ordinal);
        Assert.Equal(0L, Count(site));
    }

    [Fact]
    public async Task A_duplicate_name_is_refused_with_exit_code_1()
    {
        using var site = new StudenkaSiteFactory();
        await RunAsync(site, Password, null, "--user", "starosta", "--name", "Jan Starosta", "--role", "Administrator", "--password-stdin");

        var (exitCode, output, error) = await RunAsync(site, Password, null, "--user", "Starosta", "--name", "Někdo jiný", "--role", "Editor", "--password-stdin");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Contains("„Starosta“ už existuje", error, StringComparison.Ordinal);
        Assert.Equal(1L, Count(site));
    }

    [Fact]
    public async Task A_short_password_is_refused_with_exit_code_1()
    {
        using var site = new StudenkaSiteFactory();

        var (exitCode, _, error) = await RunAsync(site, "kratke\n", null, "--user", "starosta", "--name", "Jan Starosta", "--role", "Administrator", "--password-stdin");

        Assert.Equal(1, exitCode);
        Assert.Contains("alespoň 12 znaků", error, StringComparison.Ordinal);
        Assert.Equal(0L, Count(site));
    }

    [Fact]
    public async Task An_unknown_role_is_refused_with_exit_code_1_and_the_allowed_roles()
    {
        using var site = new StudenkaSiteFactory();

        var (exitCode, _, error) = await RunAsync(site, Password, null, "--user", "starosta", "--name", "Jan Starosta", "--role", "Superuser", "--password-stdin");

        Assert.Equal(1, exitCode);
        Assert.Contains("Neznámá role „Superuser“. Povolené role: Administrator (Správce), Editor (Redaktor), Dispatch (Dispečink).", error, StringComparison.Ordinal);
        Assert.Equal(0L, Count(site));
    }

    [Theory]
    [InlineData("--user", "starosta", "--role", "Administrator")]
    [InlineData("--user", "starosta", "--name", "Jan", "--role", "Administrator", "--password", "tajne-heslo-123")]
    public async Task Missing_or_unknown_arguments_print_usage_and_return_2(params string[] args)
    {
        using var site = new StudenkaSiteFactory();

        var (exitCode, _, error) = await RunAsync(site, Password, null, args);

        Assert.Equal(2, exitCode);
        Assert.Contains("create-operator --user", error, StringComparison.Ordinal);
    }

    private static long Count(StudenkaSiteFactory site)
    {
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT COUNT(*) FROM operators");
    }
}
