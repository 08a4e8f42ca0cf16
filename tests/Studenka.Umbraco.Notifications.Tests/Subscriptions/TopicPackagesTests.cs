using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class TopicPackagesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_subscriber_of_package_5_receives_every_existing_package(int messagePackage)
    {
        Assert.True(TopicPackages.Receives([TopicPackages.Everything], messagePackage));
    }

    [Fact]
    public void A_subscriber_of_package_5_receives_a_package_added_after_sign_up()
    {
        Assert.False(TopicPackages.Exists(6));
        Assert.True(TopicPackages.Receives([5], 6));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(6, false)]
    public void A_subscriber_of_package_2_receives_only_package_2(int messagePackage, bool expected)
    {
        Assert.Equal(expected, TopicPackages.Receives([2], messagePackage));
    }

    [Fact]
    public void Receives_works_on_a_lazy_sequence_too()
    {
        Assert.True(TopicPackages.Receives(Enumerable.Range(1, 2).Select(i => i * 2), 4));
        Assert.False(TopicPackages.Receives(Enumerable.Range(1, 2).Select(i => i * 2), 3));
    }

    [Fact]
    public void Choosing_everything_keeps_only_package_5()
    {
        Assert.Equal([5], TopicPackages.Normalize([5, 2, 2]));
    }

    [Fact]
    public void Normalize_removes_duplicates_and_sorts()
    {
        Assert.Equal([1, 3], TopicPackages.Normalize([3, 1, 3]));
    }

    [Fact]
    public void The_catalogue_has_packages_1_to_5_with_package_5_as_everything()
    {
        Assert.Equal([1, 2, 3, 4, 5], TopicPackages.All.Select(p => p.Id));
        Assert.Equal("Vše", TopicPackages.All.Single(p => p.Id == TopicPackages.Everything).Name);
    }
}
