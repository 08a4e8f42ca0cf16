using System.Net.Http.Headers;
using System.Text;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>
/// Plays MessageBird against the site: signs each call for the URL the test server sees
/// (http://localhost/...) and the exact body bytes, at the site's fake time.
/// </summary>
public sealed class MessageBirdWebhookClient(StudenkaSiteFactory site, string key)
{
    public const string DlrPath = "/sms/webhooks/messagebird/dlr";
    public const string InboundPath = "/sms/webhooks/messagebird/inbound";

    public HttpClient Http { get; } = site.CreateClient(new() { AllowAutoRedirect = false });

    public static string Url(string pathAndQuery) => "http://localhost" + pathAndQuery;

    /// <summary>Signed for <paramref name="signedPathAndQuery"/>, sent to <paramref name="sentPathAndQuery"/> (a tamperer's change).</summary>
    public Task<HttpResponseMessage> GetAsync(string signedPathAndQuery, string? sentPathAndQuery = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Url(sentPathAndQuery ?? signedPathAndQuery));
        request.Headers.Add(MessageBirdWebhookSigner.HeaderName, MessageBirdWebhookSigner.Sign(key, Url(signedPathAndQuery), site.Time.GetUtcNow()));
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetUnsignedAsync(string pathAndQuery) => Http.GetAsync(Url(pathAndQuery));

    public Task<HttpResponseMessage> DeliveryReportAsync(string reference, string recipient, string status, string statusDatetime, string extra = "") =>
        GetAsync($"{DlrPath}?id=e8077d803532c0b5937c639b60216938&reference={reference}&recipient={recipient}&status={status}&statusDatetime={Uri.EscapeDataString(statusDatetime)}{extra}");

    /// <summary>A Flow Builder "Forward to URL" POST as a form.</summary>
    public async Task<HttpResponseMessage> InboundFormAsync(string originator, string text, byte[]? tamperedBody = null)
    {
        var body = await new FormUrlEncodedContent([new("originator", originator), new("payload", text), new("recipient", "420700100200")]).ReadAsByteArrayAsync();
        return await PostAsync(body, tamperedBody ?? body, "application/x-www-form-urlencoded");
    }

    public Task<HttpResponseMessage> InboundJsonAsync(string json) => InboundAsync(json, "application/json");

    /// <summary>Any body under any content type, correctly signed.</summary>
    public Task<HttpResponseMessage> InboundAsync(string body, string contentType) =>
        PostAsync(Encoding.UTF8.GetBytes(body), Encoding.UTF8.GetBytes(body), contentType);

    private Task<HttpResponseMessage> PostAsync(byte[] signedBody, byte[] sentBody, string contentType)
    {
        var content = new ByteArrayContent(sentBody);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, Url(InboundPath)) { Content = content };
        request.Headers.Add(MessageBirdWebhookSigner.HeaderName, MessageBirdWebhookSigner.Sign(key, Url(InboundPath), site.Time.GetUtcNow(), signedBody));
        return Http.SendAsync(request);
    }
}
