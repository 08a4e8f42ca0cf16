using Studenka.Umbraco.Notifications.Areas;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

public sealed class StreetNamesTests
{
    [Theory]
    [InlineData("nám. Republiky", "náměstí Republiky")]
    [InlineData("Nám.Republiky", "náměstí Republiky")]
    [InlineData("NAMESTI  republiky", "náměstí Republiky")]
    [InlineData("tř. Osvobození", "třída Osvobození")]
    [InlineData("ul. Poštovní", "Poštovní")]
    [InlineData("ulice Poštovní", "Poštovní")]
    [InlineData("Arm. gen. Ludvíka Svobody", "Arm. generála Ludvíka Svobody")]
    [InlineData("sídl. Butovice", "sídliště Butovice")]
    [InlineData("2.května", "2. května")]
    [InlineData(" Malá  strana ", "Malá strana")]
    public void Names_written_differently_have_one_key(string written, string register) =>
        Assert.Equal(StreetNames.Key(register), StreetNames.Key(written));

    [Theory]
    [InlineData("Poštovní", "Požárnická")]
    [InlineData("Butovická", "Butovice")]
    [InlineData("Ulice", "Ulická")]
    public void Different_streets_keep_different_keys(string one, string other) =>
        Assert.NotEqual(StreetNames.Key(one), StreetNames.Key(other));

    [Fact]
    public void A_street_called_just_ulice_keeps_its_name() => Assert.Equal("ulice", StreetNames.Key("Ulice"));
}
