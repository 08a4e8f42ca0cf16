using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class CampaignTemplatesTests
{
    private static CampaignOptions Bound(Dictionary<string, string?> settings)
    {
        var options = new CampaignOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(CampaignOptions.SectionName).Bind(options);
        return options;
    }

    [Fact]
    public void The_four_crisis_templates_are_there_by_default_in_czech_and_fit_the_length_limit()
    {
        var options = new CampaignOptions();

        Assert.Equal(["flood", "water-outage", "chemical-leak", "road-closure"], options.Templates.Keys);
        Assert.All(options.Templates.Values, t => Assert.Equal(1, t.Package));
        Assert.Equal(["Povodeň", "Výpadek vody", "Únik chemické látky", "Uzavírka silnice"], options.Templates.Values.Select(t => t.Name));
        Assert.All(options.Templates.Values, t => Assert.InRange(SmsSegments.Preview(t.Text, DiacriticsChoice.Keep).Count.Segments, 1, options.MaxSegments));
        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Fact]
    public void A_configured_template_is_added_and_one_with_a_package_outside_one_to_four_is_refused()
    {
        var options = Bound(new()
        {
            ["Studenka:Campaigns:Templates:svoz:Name"] = "Svoz odpadu",
            ["Studenka:Campaigns:Templates:svoz:Package"] = "2",
            ["Studenka:Campaigns:Templates:svoz:Text"] = "Svoz odpadu se posouvá na [den].",
            ["Studenka:Campaigns:Templates:vse:Name"] = "Vše",
            ["Studenka:Campaigns:Templates:vse:Package"] = "5",
            ["Studenka:Campaigns:Templates:vse:Text"] = "x",
        });

        Assert.Equal(6, options.Templates.Count);
        Assert.Equal(2, options.Templates["svoz"].Package);
        var error = Assert.Single(options.Validate(new ValidationContext(options)));
        Assert.Contains("Templates:vse:Package", error.ErrorMessage, StringComparison.Ordinal);
    }
}
