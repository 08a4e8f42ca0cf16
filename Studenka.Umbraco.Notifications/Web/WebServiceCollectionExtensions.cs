using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Web;

internal static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddNotificationsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add<UnreadableFormFilter>();
                o.Filters.Add<CzechAntiforgeryFailureFilter>();
                o.Conventions.Add(new HeadLikeGetConvention());
            })
            .AddApplicationPart(typeof(WebServiceCollectionExtensions).Assembly);
        services.AddSingleton<ManageSession>();
        // Per client address: opening e-mail links (guessing tokens), and asking for confirmation e-mails (each lands in someone's mailbox).
        services.AddKeyedSingleton(EmailController.LimiterKey, (_, _) => new PerIpRateLimiter(60, TimeSpan.FromMinutes(10)));
        services.AddKeyedSingleton(ManageController.EmailLinkLimiterKey, (_, _) => new PerIpRateLimiter(10, TimeSpan.FromHours(1)));
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<SandboxAccess>();
        services.AddSingleton<Management.SubscribersCsv>();
        // The configuration handed in (the host's), so AllowedHosts is read where the host keeps it.
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<WebStartupChecks>(sp, configuration));

        // First of all startup filters, so its headers also reach what host filtering or the
        // forwarded-headers middleware answer themselves.
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, PackagePipelineStartupFilter>());
        // A refused Host gets HostRefusalMiddleware's Czech answer instead of host filtering's English page.
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.IncludeFailureMessage = false);
        // Cookies of forms and TempData: Secure over HTTPS, never sent by another site's request.
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The public root also stands for the webhook and report addresses MessageBird calls.
        services.AddOptions<SmsOptions>().PostConfigure<Microsoft.Extensions.Options.IOptions<WebOptions>>((sms, web) =>
        {
            if (web.Value.PublicBaseUrl is not { IsAbsoluteUri: true } root)
            {
                return;
            }

            sms.WebhookPublicBaseUrl ??= root;
            if (sms.ReportUrl is null && (root.Scheme == Uri.UriSchemeHttps || root.IsLoopback))
            {
                sms.ReportUrl = new Uri(PublicUrls.Combine(root, "/sms/webhooks/messagebird/dlr"));
            }
        });
        return services;
    }
}
