namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// At start: OpenIddict's tables (idempotent), and the back-office client for the addresses the
/// Site listens on. Further origins (a public host name) are added by <see cref="BackOfficeClientOrigins"/>.
/// </summary>
internal sealed class BackOfficeAuthInitializer(IServiceScopeFactory scopes, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await InitializeAsync(scopes, configuration, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Also run by commands, which do not start hosted services.</summary>
    public static async Task InitializeAsync(IServiceScopeFactory scopes, IConfiguration configuration, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await BackOfficeAuthStore.EnsureTablesAsync(scope.ServiceProvider.GetRequiredService<BackOfficeAuthDbContext>(), cancellationToken);
        var applications = scope.ServiceProvider.GetRequiredService<BackOfficeApplications>();
        foreach (var url in (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var origin))
            {
                await applications.EnsureBackOfficeClientAsync(origin, cancellationToken);
            }
        }
    }
}

/// <summary>
/// Before any sign-in endpoint: the client knows this origin's redirect addresses (Umbraco seeds
/// them on the first backoffice request per host). Host names are already filtered (AllowedHosts),
/// and the addresses added point back at the same host. With a configured public address
/// (<c>Studenka:Web:PublicBaseUrl</c>) only that one (and loopback hosts) is added, whatever Host the request names.
/// </summary>
internal sealed class BackOfficeClientOrigins(RequestDelegate next, IConfiguration configuration)
{
    private readonly Uri? _publicOrigin = Uri.TryCreate(configuration["Studenka:Web:PublicBaseUrl"], UriKind.Absolute, out var uri) ? uri : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/" + BackOfficeAuthPaths.EndpointRoot, StringComparison.OrdinalIgnoreCase))
        {
            var applications = context.RequestServices.GetRequiredService<BackOfficeApplications>();
            var origin = new Uri($"{context.Request.Scheme}://{context.Request.Host}");
            if (_publicOrigin is not null)
            {
                await applications.EnsureBackOfficeClientAsync(_publicOrigin, context.RequestAborted);
            }

            // With a public address, other hosts only when they are this machine (a developer, the tests).
            if (_publicOrigin is null || origin.IsLoopback)
            {
                await applications.EnsureBackOfficeClientAsync(origin, context.RequestAborted);
            }
        }

        await next(context);
    }
}
