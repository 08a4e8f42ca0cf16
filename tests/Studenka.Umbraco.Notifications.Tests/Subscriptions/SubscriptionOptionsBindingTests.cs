using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class SubscriptionOptionsBindingTests
{
    private static ServiceProvider Provider(params string[] allowedRegions)
    {
        var settings = allowedRegions.Select((region, i) => KeyValuePair.Create<string, string?>($"{SubscriptionOptions.SectionName}:AllowedRegions:{i}", region));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSubscriptions(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Without_configuration_only_Czech_numbers_are_allowed()
    {
        using var provider = Provider();

        Assert.Equal(["CZ"], provider.GetRequiredService<IOptions<SubscriptionOptions>>().Value.AllowedRegions);
    }

    [Fact]
    public void Configured_regions_replace_the_default_instead_of_being_added_to_it()
    {
        using var provider = Provider("SK");

        var normalizer = provider.GetRequiredService<PhoneNumberNormalizer>();

        Assert.Equal(["SK"], provider.GetRequiredService<IOptions<SubscriptionOptions>>().Value.AllowedRegions);
        Assert.Equal("+421903123456", normalizer.Normalize("903 123 456").E164);
        Assert.False(normalizer.Normalize("+420 603 123 456").IsValid);
    }

    [Fact]
    public void A_town_that_writes_CZ_in_its_settings_still_tells_Slovak_numbers_why_they_are_refused()
    {
        using var provider = Provider("CZ");

        var result = provider.GetRequiredService<PhoneNumberNormalizer>().Normalize("+421 903 123 456");

        Assert.Equal(PhoneNumberNormalizer.ForeignMessage, result.Error);
    }
}
