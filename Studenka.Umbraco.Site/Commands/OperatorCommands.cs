using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Site.Backoffice.Auth;

namespace Studenka.Umbraco.Site;

/// <summary>
/// <c>disable-operator NAME</c>, <c>enable-operator NAME</c>, <c>set-operator-role NAME ROLE</c>
/// (audited; disabling ends the operator's sessions at once) and <c>create-api-client NAME</c>:
/// a client id and secret for scripts, acting as that operator (printed once, stored as a hash).
/// </summary>
public static class OperatorCommands
{
    public static readonly string[] Verbs = ["disable-operator", "enable-operator", "set-operator-role", "create-api-client"];

    public static async Task<int> RunAsync(IServiceProvider services, string verb, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length != (verb == "set-operator-role" ? 2 : 1))
        {
            error.WriteLine(verb == "set-operator-role" ? "Použití: set-operator-role JMÉNO Administrator|Editor|Dispatch" : $"Použití: {verb} JMÉNO");
            return 2;
        }

        // Hosted services do not start for a command, so bring both schemas up to date here.
        await ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).StartAsync(cancellationToken);
        await BackOfficeAuthInitializer.InitializeAsync(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IConfiguration>(), cancellationToken);
        var accounts = services.GetRequiredService<OperatorAccounts>();
        var actor = new OperatorIdentity(Environment.UserName, "command line");
        ChangeOperatorResult result;
        switch (verb)
        {
            case "disable-operator":
                result = await accounts.DisableAsync(args[0], actor, cancellationToken);
                break;
            case "enable-operator":
                result = await accounts.EnableAsync(args[0], actor, cancellationToken);
                break;
            case "set-operator-role" when OperatorRoles.TryParse(args[1], out var role):
                result = await accounts.ChangeRoleAsync(args[0], role, actor, cancellationToken);
                break;
            case "set-operator-role":
                error.WriteLine($"Neznámá role „{args[1]}“. Povolené role: {string.Join(", ", OperatorRoles.Names)}.");
                return 1;
            default:
                return await CreateApiClientAsync(services, args[0], actor, output, error, cancellationToken);
        }

        if (!result.Succeeded)
        {
            error.WriteLine(result.Error);
            return 1;
        }

        output.WriteLine(verb switch
        {
            "disable-operator" => $"Operátor {result.Operator!.UserName} je zablokován; jeho přihlášení skončila.",
            "enable-operator" => $"Operátor {result.Operator!.UserName} se může znovu přihlásit.",
            _ => $"Operátor {result.Operator!.UserName} má roli {result.Operator.Role.CzechName()} ({result.Operator.Role}).",
        });
        return 0;
    }

    private static async Task<int> CreateApiClientAsync(IServiceProvider services, string userName, OperatorIdentity actor, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<OperatorRepository>().FindAsync(userName, cancellationToken) is not { Disabled: false } account)
        {
            error.WriteLine($"Operátor se jménem „{userName}“ neexistuje nebo je zablokován.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var credentials = await scope.ServiceProvider.GetRequiredService<BackOfficeApplications>().CreateApiClientAsync(account, cancellationToken);
        await services.GetRequiredService<AuditLog>().AppendAsync(actor, "operator.api-client-created", account.UserName, credentials.ClientId, cancellationToken);
        output.WriteLine($"Klient API pro operátora {account.UserName} ({account.Role.CzechName()}). Tajný klíč se zobrazí jen teď:");
        output.WriteLine($"client_id={credentials.ClientId}");
        output.WriteLine($"client_secret={credentials.ClientSecret}");
        return 0;
    }
}
