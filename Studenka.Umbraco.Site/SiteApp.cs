using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Studenka.Umbraco.Notifications;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Site.Backoffice;
using Studenka.Umbraco.Site.Backoffice.Auth;
using Studenka.Umbraco.Site.Content;

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
        // Operators are backoffice users signed in as Umbraco 17 does it (OpenIddict), authorized by the package's Umbraco adapter.
        builder.Services.AddSiteBackOfficeAuth(builder.Configuration);
        builder.Services.AddSiteBackOffice();
        // Event and news pages: the Site's stand-in for Umbraco content, published through Core's notifications.
        builder.Services.AddSiteContent();
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
        app.UseMiddleware<BackOfficeClientOrigins>();
        // Routing first, so authorization knows the endpoint; authentication before authorization reads the user.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        return app;
    }
}
