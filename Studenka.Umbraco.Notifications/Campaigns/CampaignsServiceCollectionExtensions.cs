using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Settings;

namespace Studenka.Umbraco.Notifications.Campaigns;

internal static class CampaignsServiceCollectionExtensions
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CampaignOptions>().Bind(configuration.GetSection(CampaignOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        // Quiet hours, price, senders and templates: the configuration's defaults, changed at run time.
        services.AddSingleton<RuntimeSettings>();
        services.AddSingleton<CampaignRepository>();
        services.AddSingleton<CampaignEmailContents>();
        services.AddSingleton<CampaignPreviewService>();
        // Singletons: the acting operator is a parameter, so background callers need no request.
        services.AddSingleton<CampaignService>();
        services.AddSingleton<CampaignResend>();
        services.AddSingleton<CampaignSummaries>();
        services.AddSingleton<Delivery.CampaignRecipients>();
        return services;
    }
}
