using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Site;

/// <summary>
/// <c>create-operator --user NAME --name "Display Name" --role ROLE [--password-stdin]</c>: the way
/// the first Administrator comes to exist. The password never appears on the command line (it would
/// stay in the shell history and the process list): it is typed twice without echo, or piped in.
/// </summary>
public static class CreateOperatorCommand
{
    public const string Usage = "Použití: create-operator --user JMÉNO --name \"Zobrazované jméno\" --role Administrator|Editor|Dispatch (Správce|Redaktor|Dispečink) [--password-stdin]";

    /// <param name="promptSecret">Asks for a secret without echo; null when there is no terminal to ask on.</param>
    public static async Task<int> RunAsync(
        IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error,
        Func<string, string?>? promptSecret, CancellationToken cancellationToken)
    {
        if (Parse(args) is not { } options)
        {
            error.WriteLine(Usage);
            return 2;
        }

        if (!TryParseRole(options.Role, out var role))
        {
            error.WriteLine($"Neznámá role „{options.Role}“. Povolené role: {string.Join(", ", Enum.GetValues<OperatorRole>().Select(r => $"{r} ({r.CzechName()})"))}.");
            return 1;
        }

        var password = options.PasswordFromStdin ? await ReadLineAsync(input, cancellationToken) : Prompt(promptSecret, error);
        if (password is null)
        {
            return 1;
        }

        // Hosted services do not start for a command, so bring the schema up to date here.
        await ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).StartAsync(cancellationToken);
        var actor = new OperatorIdentity(Environment.UserName, "command line");
        var result = await services.GetRequiredService<OperatorAccounts>().CreateAsync(options.User, options.Name, role, password, actor, cancellationToken);
        if (!result.Succeeded)
        {
            error.WriteLine(result.Error);
            return 1;
        }

        output.WriteLine($"Operátor {result.Operator!.UserName} ({result.Operator.DisplayName}) s rolí {result.Operator.Role.CzechName()} ({result.Operator.Role}) byl vytvořen.");
        return 0;
    }

    /// <summary>The stored name or the Czech one town staff know ("Dispečink"), in any letter case.</summary>
    private static bool TryParseRole(string value, out OperatorRole role)
    {
        if (OperatorRoles.TryParse(value, out role))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<OperatorRole>())
        {
            if (string.Equals(candidate.CzechName(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        return false;
    }

    private static string? Prompt(Func<string, string?>? promptSecret, TextWriter error)
    {
        if (promptSecret is null)
        {
            error.WriteLine("Heslo nelze zadat: chybí terminál. Pošlete ho na standardní vstup s volbou --password-stdin.");
            return null;
        }

        var first = promptSecret("Heslo: ");
        var second = promptSecret("Heslo znovu: ");
        if (first is null || !string.Equals(first, second, StringComparison.Ordinal))
        {
            error.WriteLine("Hesla se neshodují. Operátor nebyl vytvořen.");
            return null;
        }

        return first;
    }

    /// <summary>The first line of standard input, without its line break (spaces inside a password are kept).</summary>
    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken cancellationToken) =>
        await input.ReadLineAsync(cancellationToken) ?? string.Empty;

    private static Options? Parse(string[] args)
    {
        string? user = null, name = null, role = null;
        var stdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            switch (args[i])
            {
                case "--user" when hasValue: user = args[++i]; break;
                case "--name" when hasValue: name = args[++i]; break;
                case "--role" when hasValue: role = args[++i]; break;
                case "--password-stdin": stdin = true; break;
                default: return null;
            }
        }

        return user is null || name is null || role is null ? null : new Options(user, name, role, stdin);
    }

    private sealed record Options(string User, string Name, string Role, bool PasswordFromStdin);
}
