using System.Net;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Web;

/// <summary>
/// Uptime monitors (and curl -I) ask with HEAD: a page that exists must not answer "not found",
/// or the town's IT gets "site down" alerts for a working site.
/// </summary>
public sealed class HeadRequestTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/sms")]
    [InlineData("/sms/prihlaska")]
    [InlineData("/sms/ochrana-udaju")]
    [InlineData("/sms/sprava")]
    [InlineData("/umbraco/login")]
    public async Task A_head_request_answers_like_the_get_of_the_same_page(string path)
    {
        using var site = new StudenkaSiteFactory();
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        using var get = await client.GetAsync(path);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(SecurityHeadersTests.Missing(head, "HEAD " + path, https: false));
    }

    [Fact]
    public async Task A_head_request_to_the_api_gets_its_status_not_a_404()
    {
        using var site = new StudenkaSiteFactory();
        using var client = await site.CreateOperatorClientAsync();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/umbraco/sms/api/v1/areas"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }
}
