using Studenka.Umbraco.Notifications.Areas;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

public sealed class HouseNumberTests
{
    [Theory]
    [InlineData("762", "762", null, 762, null, null)]
    [InlineData(" 762 ", "762", null, 762, null, null)]
    [InlineData("1234/5a", "1234/5a", "cp", 1234, 5, "a")]
    [InlineData("1234 / 5 A", "1234/5a", "cp", 1234, 5, "a")]
    [InlineData("1234/5", "1234/5", "cp", 1234, 5, null)]
    [InlineData("12a", "č. o. 12a", null, null, 12, "a")]
    [InlineData("č.o. 12", "č. o. 12", null, null, 12, null)]
    [InlineData("č.p. 12", "č. p. 12", "cp", 12, null, null)]
    [InlineData("č. p. 12", "č. p. 12", "cp", 12, null, null)]
    [InlineData("čp. 12", "č. p. 12", "cp", 12, null, null)]
    [InlineData("čp12", "č. p. 12", "cp", 12, null, null)]
    [InlineData("cp 12", "č. p. 12", "cp", 12, null, null)]
    [InlineData("Č.P. 1234/5a", "1234/5a", "cp", 1234, 5, "a")]
    [InlineData("č. ev. 5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("č.ev. 5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("č.ev.5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("ev. č. 5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("ev.č. 5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("e. č. 5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("č. e. 5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("čev 5", "č. ev. 5", "ce", 5, null, null)]
    [InlineData("č. ev. 5/2b", "č. ev. 5/2b", "ce", 5, 2, "b")]
    public void Czech_forms_are_read_into_the_canonical_form_and_their_parts(string input, string canonical, string? kind, int? building, int? orientation, string? letter)
    {
        var parsed = HouseNumber.Parse(input);

        Assert.Equal(new HouseNumber(canonical, kind, building, orientation, letter), parsed);
        // What is stored reads back to the same parts, so the parts never need a second source.
        Assert.Equal(parsed, HouseNumber.Parse(parsed!.Canonical));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("12/0")]
    [InlineData("č.p. 12a")]
    [InlineData("12ab")]
    [InlineData("12 13")]
    [InlineData("/5a")]
    [InlineData("1234/")]
    [InlineData("123456")]
    [InlineData("č.o. 12/3")]
    [InlineData("12;DROP")]
    [InlineData("č. x. 5")]
    [InlineData("１２")]
    public void Anything_else_is_not_a_house_number(string input) => Assert.Null(HouseNumber.Parse(input));
}
