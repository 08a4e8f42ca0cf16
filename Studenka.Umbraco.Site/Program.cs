using Studenka.Umbraco.Site;

// `dotnet run -- import-ruian FILE` (and other commands) run against the same database, then exit.
if (SiteCommands.IsCommand(args))
{
    return await SiteCommands.RunAsync(args);
}

var app = SiteApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
