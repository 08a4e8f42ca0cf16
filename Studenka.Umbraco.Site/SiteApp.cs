using Studenka.Umbraco.Notifications;

namespace Studenka.Umbraco.Site;

/// <summary>
/// The town website running the package standalone: the same registration an Umbraco site makes
/// through the composer, plus the few pages Umbraco content would provide.
/// </summary>
public static class SiteApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Serve the package's static files from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddStudenkaNotifications(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/chyba");
        }

        app.UseStatusCodePagesWithReExecute("/chyba/{0}");
        app.MapStaticAssets();
        app.MapControllers();
        return app;
    }
}
