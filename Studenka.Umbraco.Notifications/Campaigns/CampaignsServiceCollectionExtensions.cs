using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Scheduling;

namespace Studenka.Umbraco.Notifications.Campaigns;

internal static class CampaignsServiceCollectionExtensions
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CampaignOptions>().Bind(configuration.GetSection(CampaignOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        // Quiet hours are a campaign rule; they live in Scheduling because the worker honours them too.
        services.AddSingleton<QuietHours>();
        services.AddSingleton<CampaignRepository>();
        services.AddSingleton<CampaignPreviewService>();
        // Singletons: the acting operator is a parameter, so background callers need no request.
        services.AddSingleton<CampaignService>();
        services.AddSingleton<CampaignResend>();
        services.AddSingleton<CampaignSummaries>();
        services.AddSingleton<Delivery.CampaignRecipients>();
        return services;
    }
}
