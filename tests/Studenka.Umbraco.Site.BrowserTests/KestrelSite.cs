using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// The real Site on real Kestrel (127.0.0.1, a free port), over its own temp SQLite file, so a
/// browser can reach it. One per test: every test starts with an empty list of subscribers.
/// </summary>
public sealed class KestrelSite : IAsyncDisposable
{
    private KestrelSite(StudenkaSiteFactory factory, Uri baseUrl)
    {
        Factory = factory;
        BaseUrl = baseUrl;
    }

    public StudenkaSiteFactory Factory { get; }

    public Uri BaseUrl { get; }

    public static KestrelSite Start(IDictionary<string, string?>? settings = null)
    {
        var factory = new StudenkaSiteFactory(settings);
        try
        {
            // WebApplicationFactory 10 binds Kestrel to 127.0.0.1 itself and reports the port it got.
            factory.UseKestrel(0);
            factory.StartServer();
            return new KestrelSite(factory, factory.ClientOptions.BaseAddress);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
