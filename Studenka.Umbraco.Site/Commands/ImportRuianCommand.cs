namespace Studenka.Umbraco.Site;

public static class ImportRuianCommand
{
    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        _ = services; _ = args; _ = output; _ = cancellationToken;
        error.WriteLine("import-ruian: not implemented yet");
        return Task.FromResult(2);
    }
}
