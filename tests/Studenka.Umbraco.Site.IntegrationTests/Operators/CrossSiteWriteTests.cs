using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class CrossSiteWriteTests
{
    private const string Me = OperatorClient.CurrentUserPath;

    private static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    [Fact]
    public async Task An_anonymous_post_to_a_management_endpoint_gets_401_and_does_nothing()
    {
        using var site = new StudenkaSiteFactory();
        using var probe = site.WithProbe();
        using var client = probe.CreateAnonymousClient();

        using var response = await client.SendJsonAsync(HttpMethod.Post, ProbeSite.Path, new { text = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, probe.Services.GetRequiredService<ProbeCalls>().Count);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "http://localhost.evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task A_signed_in_operators_post_from_another_site_gets_403_and_does_nothing(string header, string value)
    {
        using var site = new StudenkaSiteFactory();
        using var probe = site.WithProbe();
        using var client = await probe.CreateOperatorClientAsync();

        using var response = await client.SendJsonAsync(HttpMethod.Post, ProbeSite.Path, new { text = "x" }, Header(header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("cizího webu", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, probe.Services.GetRequiredService<ProbeCalls>().Count);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    public async Task Posts_from_the_site_itself_or_from_scripts_without_an_origin_go_through(string? header, string? value)
    {
        using var site = new StudenkaSiteFactory();
        using var probe = site.WithProbe();
        using var client = await probe.CreateOperatorClientAsync();

        using var response = await client.SendJsonAsync(HttpMethod.Post, ProbeSite.Path, new { text = "x" }, header is null ? null : Header(header, value!));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, probe.Services.GetRequiredService<ProbeCalls>().Count);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "text=x")]
    [InlineData("text/plain", "{\"text\":\"x\"}")]
    [InlineData("multipart/form-data; boundary=b", "--b--")]
    public async Task A_body_an_html_form_could_send_is_refused_with_415_and_does_nothing(string contentType, string body)
    {
        using var site = new StudenkaSiteFactory();
        using var probe = site.WithProbe();
        using var client = await probe.CreateOperatorClientAsync();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.PostAsync(ProbeSite.Path, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, probe.Services.GetRequiredService<ProbeCalls>().Count);
    }

    [Fact]
    public async Task A_cross_site_login_form_post_is_refused_without_setting_a_cookie()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        using var client = site.CreateAnonymousClient();
        var token = await client.AntiforgeryTokenAsync(OperatorClient.LoginPagePath);
        using var request = new HttpRequestMessage(HttpMethod.Post, OperatorClient.LoginPagePath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = account.UserName, ["password"] = OperatorClient.TestPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Origin", "https://evil.example");

        using var login = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Null(client.Cookie("__Host-studenkaBackOfficeLogin"));
    }
}
