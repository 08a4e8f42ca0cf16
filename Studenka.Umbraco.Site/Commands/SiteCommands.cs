namespace Studenka.Umbraco.Site;

/// <summary>Command-line verbs of the Site. They share configuration and database with the web app.</summary>
public static class SiteCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && (args[0] is "import-ruian" or "create-operator" || OperatorCommands.Verbs.Contains(args[0]));

    public static async Task<int> RunAsync(string[] args)
    {
        // Build the app (not run it) to get the same services, configuration and database.
        var app = SiteApp.Build([]);
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        return args[0] switch
        {
            "import-ruian" => await ImportRuianCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error, cts.Token),
            "create-operator" => await CreateOperatorCommand.RunAsync(app.Services, args[1..], Console.In, Console.Out, Console.Error,
                Console.IsInputRedirected ? null : ConsoleSecret.Read, cts.Token),
            _ => await OperatorCommands.RunAsync(app.Services, args[0], args[1..], Console.Out, Console.Error, cts.Token),
        };
    }
}
