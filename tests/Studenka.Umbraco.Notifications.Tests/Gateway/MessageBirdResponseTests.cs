using System.Net;
using System.Text;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;

namespace Studenka.Umbraco.Notifications.Tests.Gateway;

/// <summary>Answers the fake does not produce: the mapping must hold for whatever a proxy or MessageBird sends.</summary>
public sealed class MessageBirdResponseTests
{
    private static async Task<SmsSendResult> Read(HttpStatusCode status, string body, string contentType = "application/json")
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        return await MessageBirdResponse.ReadAsync(response, TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    [Theory]
    [InlineData(HttpStatusCode.Created, """{"id":"e8077d803532c0b5937c639b60216938"}""", "e8077d803532c0b5937c639b60216938")]
    [InlineData(HttpStatusCode.OK, """{"id":"abc"}""", "abc")]
    [InlineData(HttpStatusCode.Created, "<html>ok</html>", null)]
    [InlineData(HttpStatusCode.Accepted, """{"id":42}""", null)]
    public async Task Any_2xx_is_accepted_and_the_id_is_kept_when_there_is_one(HttpStatusCode status, string body, string? id)
    {
        var result = await Read(status, body);

        Assert.Equal(SmsSendStatus.Accepted, result.Status);
        Assert.Equal(id, result.ProviderMessageId);
    }

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"errors":[{"code":25,"description":"Not enough balance","parameter":null}]}""", SmsSendStatus.InsufficientBalance)]
    [InlineData(HttpStatusCode.BadRequest, """{"errors":[{"code":2,"description":"Request not allowed","parameter":"access_key"}]}""", SmsSendStatus.ConfigurationError)]
    [InlineData(HttpStatusCode.Unauthorized, "", SmsSendStatus.ConfigurationError)]
    [InlineData(HttpStatusCode.Forbidden, "<html>forbidden</html>", SmsSendStatus.ConfigurationError)]
    [InlineData(HttpStatusCode.PaymentRequired, "", SmsSendStatus.InsufficientBalance)]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"errors":[{"code":"9"}]}""", SmsSendStatus.RejectedPermanently)]
    [InlineData(HttpStatusCode.NotFound, "not json", SmsSendStatus.RejectedPermanently)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", SmsSendStatus.TransientFailure)]
    [InlineData(HttpStatusCode.TooManyRequests, "[]", SmsSendStatus.TransientFailure)]
    [InlineData(HttpStatusCode.Found, "", SmsSendStatus.ConfigurationError)]
    public async Task The_error_code_decides_where_MessageBird_documents_one_and_the_status_otherwise(HttpStatusCode status, string body, SmsSendStatus expected)
    {
        var result = await Read(status, body);

        Assert.Equal(expected, result.Status);
        Assert.Contains($"HTTP {(int)status}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_carries_code_description_and_parameter_for_the_operator()
    {
        var result = await Read(HttpStatusCode.UnprocessableEntity, """{"errors":[{"code":10,"description":"originator is invalid","parameter":"originator"}]}""");

        Assert.Equal(SmsSendStatus.RejectedPermanently, result.Status);
        Assert.Equal("HTTP 422, code 10: originator is invalid (parameter originator)", result.Error);
    }
}
