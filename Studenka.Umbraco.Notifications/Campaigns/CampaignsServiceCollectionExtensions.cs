using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Campaigns;

internal static class CampaignsServiceCollectionExtensions
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CampaignOptions>().Bind(configuration.GetSection(CampaignOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
