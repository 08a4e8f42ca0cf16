using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;

namespace Studenka.Umbraco.Notifications.Tests.Gateway;

public sealed class SmsGatewayRegistrationTests
{
    private static readonly Uri Local = new("http://127.0.0.1:9/");

    [Fact]
    public async Task A_configured_access_key_selects_the_MessageBird_gateway()
    {
        await using var host = MessageBirdGatewayHost.Create(MessageBirdGatewayHost.Settings(Local));

        Assert.IsType<MessageBirdSmsGateway>(host.Gateway);
        Assert.False(host.Gateway.IsSandbox);
    }

    [Fact]
    public async Task Without_an_access_key_the_sandbox_keeps_everything()
    {
        await using var host = MessageBirdGatewayHost.Create(MessageBirdGatewayHost.Settings(Local, accessKey: ""));

        Assert.IsType<SandboxSmsGateway>(host.Gateway);
        Assert.True(host.Gateway.IsSandbox);
    }

    [Theory]
    [InlineData("Studenka")]
    [InlineData("Mesto Stud1")]
    [InlineData("+420601123456")]
    [InlineData("12345678901234567")]
    public async Task An_originator_of_at_most_11_letters_or_a_number_of_at_most_17_digits_is_accepted(string originator)
    {
        await using var host = Create("Originator", originator);

        Assert.Equal(originator, host.Options.Originator);
    }

    [Theory]
    [InlineData("StudenkaMest")]
    [InlineData("Studénka")]
    [InlineData("Mesto  Stud")]
    [InlineData("123456789012345678")]
    [InlineData("Studenka\n")]
    public async Task Any_other_originator_stops_the_start_naming_the_setting(string originator)
    {
        await using var host = Create("Originator", originator);

        var error = Assert.Throws<OptionsValidationException>(() => host.Options);
        Assert.Contains("Studenka:Sms:Originator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://studenka.cz/sms/report")]
    [InlineData("http://127.0.0.1:5000/sms/report")]
    [InlineData("http://localhost:5000/sms/report")]
    public async Task A_report_url_over_https_or_to_this_machine_is_accepted(string url)
    {
        await using var host = Create("ReportUrl", url);

        Assert.Equal(new Uri(url), host.Options.ReportUrl);
    }

    [Theory]
    [InlineData("http://studenka.cz/sms/report")]
    [InlineData("/sms/report")]
    public async Task A_report_url_in_clear_text_over_the_internet_or_relative_stops_the_start(string url)
    {
        await using var host = Create("ReportUrl", url);

        var error = Assert.Throws<OptionsValidationException>(() => host.Options);
        Assert.Contains("Studenka:Sms:ReportUrl", error.Message, StringComparison.Ordinal);
    }

    private static MessageBirdGatewayHost Create(string key, string value)
    {
        var settings = MessageBirdGatewayHost.Settings(Local);
        settings["Studenka:Sms:" + key] = value;
        return MessageBirdGatewayHost.Create(settings);
    }
}
