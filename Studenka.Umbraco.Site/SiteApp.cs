using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Studenka.Umbraco.Notifications;
using Studenka.Umbraco.Notifications.Operators.Standalone;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Site.Backoffice;

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
        // Operators sign in with the Site's own cookie login (an Umbraco site uses its backoffice users instead).
        builder.Services.AddStudenkaStandaloneOperators();
        builder.Services.AddSiteBackOffice();
        // Czech pages keep their letters in the HTML source instead of &#x...; entities.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Keys of the cookies and antiforgery tokens survive restarts and are shared by every node: in the package database.
        builder.Services.AddDataProtection().PersistKeysToStudenkaDatabase();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/chyba");
        }

        app.UseStatusCodePagesWithReExecute("/chyba/{0}");
        app.UseSiteBackOffice();
        app.MapStaticAssets();
        // Routing first, so authorization knows the endpoint; authentication before authorization reads the user.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        return app;
    }
}
