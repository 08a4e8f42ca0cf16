using System.Net;
using System.Net.Sockets;
using Polly;
using Studenka.Umbraco.FakeMessageBird;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;

namespace Studenka.Umbraco.Notifications.Tests.Gateway;

/// <summary>
/// The retry rule judged on the exceptions a real HttpClient throws, because the end-to-end test
/// of a refused connection cannot count attempts (nothing listens to count them).
/// </summary>
public sealed class MessageBirdRetryRuleTests
{
    [Fact]
    public async Task A_refused_connection_is_retried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync($"http://127.0.0.1:{port}/messages", null));

        Assert.True(MessageBirdServiceCollectionExtensions.ProvesNotTaken(Outcome.FromException<HttpResponseMessage>(error), TimeProvider.System));
    }

    [Fact]
    public async Task A_connection_dropped_after_the_request_was_read_is_not_retried()
    {
        await using var fake = await FakeMessageBirdServer.StartAsync();
        fake.EnqueueFaults(FakeFault.DropConnection);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri(fake.BaseUrl, "messages"), new StringContent("{}")));

        Assert.False(MessageBirdServiceCollectionExtensions.ProvesNotTaken(Outcome.FromException<HttpResponseMessage>(error), TimeProvider.System));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.RequestTimeout, false)]
    [InlineData(HttpStatusCode.Created, false)]
    public void Only_5xx_and_429_answers_are_retried(HttpStatusCode status, bool retried)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(retried, MessageBirdServiceCollectionExtensions.ProvesNotTaken(Outcome.FromResult(response), TimeProvider.System));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(3600, false)]
    public void A_retry_after_longer_than_the_longest_wait_ends_the_send_instead_of_holding_it(int seconds, bool retried)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));

        Assert.Equal(retried, MessageBirdServiceCollectionExtensions.ProvesNotTaken(Outcome.FromResult(response), TimeProvider.System));
    }

    [Fact]
    public void A_retry_after_date_is_measured_on_the_injected_clock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        using var soon = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        soon.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(10));
        using var late = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        late.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddMinutes(10));

        Assert.True(MessageBirdServiceCollectionExtensions.ProvesNotTaken(Outcome.FromResult(soon), time));
        Assert.False(MessageBirdServiceCollectionExtensions.ProvesNotTaken(Outcome.FromResult(late), time));
    }
}
