using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Subscriptions;

public sealed class InboundKeywordsTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData(" Stop ")]
    [InlineData("Stop.")]
    [InlineData("\tSTOP\n")]
    [InlineData("ODHLASIT")]
    [InlineData("odhlásit")]
    [InlineData("Odhlásit!")]
    [InlineData("ODHLÁSIT")]
    public void Stop_and_odhlasit_unsubscribe_whatever_the_case_spaces_and_diacritics(string text) =>
        Assert.Equal(InboundKeyword.Stop, InboundKeywords.Match(text));

    [Theory]
    [InlineData("START")]
    [InlineData(" start")]
    [InlineData("přihlásit")]
    [InlineData("PRIHLASIT")]
    public void Start_and_prihlasit_ask_to_subscribe(string text) =>
        Assert.Equal(InboundKeyword.Start, InboundKeywords.Match(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("STOP prosím, už nechci")]
    [InlineData("nestop")]
    [InlineData("STOPKA")]
    [InlineData("odhlasit se")]
    [InlineData("Dobrý den, kdy bude svoz odpadu?")]
    public void Anything_else_is_no_keyword(string? text) =>
        Assert.Equal(InboundKeyword.None, InboundKeywords.Match(text));
}
