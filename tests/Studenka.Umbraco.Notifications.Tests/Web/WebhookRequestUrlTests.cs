using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Studenka.Umbraco.Notifications.Web.Webhooks;

namespace Studenka.Umbraco.Notifications.Tests.Web;

public sealed class WebhookRequestUrlTests
{
    private const string Query = "?reference=b-1&statusDatetime=2016-05-03T08%3A58%3A10%2B00%3A00&b=2&a=1";

    private static HttpRequest Request(string rawTarget, string pathBase = "", string scheme = "https", string host = "www.studenka.cz")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        context.Request.Path = "/sms/webhooks/messagebird/dlr";
        context.Request.QueryString = new QueryString(Query);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        return context.Request;
    }

    [Fact]
    public void The_query_is_kept_byte_for_byte_as_received() =>
        Assert.Equal("https://www.studenka.cz/sms/webhooks/messagebird/dlr" + Query,
            WebhookRequestUrl.Reconstruct(Request("/sms/webhooks/messagebird/dlr" + Query), null));

    [Fact]
    public void A_non_default_port_is_part_of_the_url() =>
        Assert.Equal("http://localhost:8080/dlr?x=1", WebhookRequestUrl.Reconstruct(Request("/dlr?x=1", scheme: "http", host: "localhost:8080"), null));

    [Fact]
    public void A_configured_public_base_replaces_scheme_host_and_path_base()
    {
        var request = Request("/mesto/sms/webhooks/messagebird/dlr" + Query, pathBase: "/mesto", scheme: "http", host: "10.0.0.5:5000");

        Assert.Equal("https://www.studenka.cz/sms/webhooks/messagebird/dlr" + Query,
            WebhookRequestUrl.Reconstruct(request, new Uri("https://www.studenka.cz/")));
    }

    [Fact]
    public void An_absolute_form_request_target_keeps_its_path_and_query() =>
        Assert.Equal("https://www.studenka.cz/dlr?x=%2B", WebhookRequestUrl.Reconstruct(Request("http://internal:5000/dlr?x=%2B"), null));
}
