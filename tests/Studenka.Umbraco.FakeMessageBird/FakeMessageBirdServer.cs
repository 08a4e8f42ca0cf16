using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Studenka.Umbraco.FakeMessageBird;

/// <summary>
/// MessageBird's legacy REST API (POST /messages, GET /messages/{id}, GET /balance) on Kestrel at
/// 127.0.0.1, with scripted and seeded faults, recording everything it receives.
/// </summary>
public sealed class FakeMessageBirdServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly FaultScript _faults;
    private readonly ConcurrentQueue<FakeMessage> _accepted = new();
    private readonly ConcurrentDictionary<string, FakeMessage> _byId = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly int[] _counts = new int[Enum.GetValues<FakeOutcome>().Length];
    private readonly Lock _logFile = new();

    private FakeMessageBirdServer(WebApplication app, FakeMessageBirdOptions options)
    {
        _app = app;
        Options = options;
        _faults = new FaultScript(options);
        app.MapPost("/messages", SendAsync);
        app.MapGet("/messages/{id}", LookupAsync);
        app.MapGet("/balance", BalanceAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public FakeMessageBirdOptions Options { get; }

    /// <summary>Accepted messages, in the order they were accepted.</summary>
    public IReadOnlyList<FakeMessage> Messages => [.. _accepted];

    /// <summary>Every request received, including faulted and rejected ones.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public int TotalRequests => _counts.Sum();

    public static async Task<FakeMessageBirdServer> StartAsync(FakeMessageBirdOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var server = new FakeMessageBirdServer(builder.Build(), options ?? new FakeMessageBirdOptions());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public int Count(FakeOutcome outcome) => Volatile.Read(ref _counts[(int)outcome]);

    /// <summary>The next requests (any endpoint) meet these faults, one each, in order.</summary>
    public void EnqueueFaults(params FakeFault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Hung requests wait on this token, so they end before Kestrel's shutdown timeout.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task SendAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var (message, error) = MessageRequest.Parse(context.Request.ContentType, body);
        if (!await WaitLatencyAsync(context, body)
            || await TryFaultAsync(context, body, message?.Reference ?? body)
            || await TryRefuseAsync(context, body, error))
        {
            return;
        }

        var accepted = new FakeMessage(RandomNumberGenerator.GetHexString(32, lowercase: true), message!.Reference, message.Originator,
            message.Body, message.Datacoding, [.. message.Recipients.Select(r => "+" + r)], message.ReportUrl, Options.Time.GetUtcNow());
        _byId[accepted.Id] = accepted;
        _accepted.Enqueue(accepted);
        AppendToLogFile(accepted);
        Record(context, body, FakeOutcome.Accepted);
        await Respond(context, StatusCodes.Status201Created, FakeResponses.Message(accepted, BaseUrl));
    }

    private async Task LookupAsync(HttpContext context, string id)
    {
        if (!await WaitLatencyAsync(context, "") || await TryFaultAsync(context, "", id) || await TryRefuseAsync(context, "", null))
        {
            return;
        }

        if (!_byId.TryGetValue(id, out var message))
        {
            Record(context, "", FakeOutcome.NotFound);
            await Respond(context, 404, FakeResponses.Errors(new FakeError(404, 20, "message not found", null)));
            return;
        }

        Record(context, "", FakeOutcome.Answered);
        await Respond(context, 200, FakeResponses.Message(message, BaseUrl));
    }

    private async Task BalanceAsync(HttpContext context)
    {
        if (!await WaitLatencyAsync(context, "") || await TryFaultAsync(context, "", "balance") || await TryRefuseAsync(context, "", null))
        {
            return;
        }

        Record(context, "", FakeOutcome.Answered);
        await Respond(context, 200, FakeResponses.Balance(Options.BalanceExhausted));
    }

    /// <summary>False when the client gave up while the fake was "busy": received, never processed.</summary>
    private async Task<bool> WaitLatencyAsync(HttpContext context, string body)
    {
        if (Options.Latency <= TimeSpan.Zero)
        {
            return true;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Options.Latency, waiting.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Record(context, body, FakeOutcome.ReceivedNotAnswered);
            context.Abort();
            return false;
        }
    }

    private async Task<bool> TryFaultAsync(HttpContext context, string body, string key)
    {
        if (!_faults.TryNext(key, out var fault))
        {
            return false;
        }

        switch (fault)
        {
            case FakeFault.Status500:
                Record(context, body, FakeOutcome.Status500);
                await Respond(context, 500, FakeResponses.Errors(new FakeError(500, 99, "internal error", null)));
                break;
            case FakeFault.Status503:
                // A proxy's answer, not JSON: the client must decide by the status alone.
                Record(context, body, FakeOutcome.Status503);
                AddRetryAfter(context);
                context.Response.StatusCode = 503;
                await context.Response.WriteAsync("<html><body>503 Service Unavailable</body></html>");
                break;
            case FakeFault.Status429:
                Record(context, body, FakeOutcome.Status429);
                AddRetryAfter(context);
                await Respond(context, 429, FakeResponses.Errors(new FakeError(429, 98, "too many requests", null)));
                break;
            case FakeFault.DropConnection:
                Record(context, body, FakeOutcome.ReceivedNotAnswered);
                context.Abort();
                break;
            case FakeFault.Hang:
                Record(context, body, FakeOutcome.ReceivedNotAnswered);
                await HangAsync(context);
                break;
        }

        return true;
    }

    private void AddRetryAfter(HttpContext context)
    {
        if (Options.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((long)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private async Task HangAsync(HttpContext context)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, waiting.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    /// <summary>Authorization, validation and balance, in the order MessageBird is believed to check them.</summary>
    private async Task<bool> TryRefuseAsync(HttpContext context, string body, FakeError? validation)
    {
        var refusal = context.Request.Headers.Authorization.ToString() != "AccessKey " + Options.AccessKey
            ? (FakeOutcome.Unauthorized, new FakeError(401, 2, "Request not allowed (incorrect access_key)", "access_key"))
            : validation is not null
                ? (FakeOutcome.Invalid, validation)
                : Options.BalanceExhausted && context.Request.Method == HttpMethods.Post
                    ? (FakeOutcome.InsufficientBalance, new FakeError(Options.BalanceExhaustedStatusCode, 25, "Not enough balance", null))
                    : ((FakeOutcome, FakeError)?)null;
        if (refusal is not { } r)
        {
            return false;
        }

        Record(context, body, r.Item1);
        await Respond(context, r.Item2.Status, FakeResponses.Errors(r.Item2));
        return true;
    }

    private static Task Respond(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private void Record(HttpContext context, string body, FakeOutcome outcome)
    {
        Interlocked.Increment(ref _counts[(int)outcome]);
        var request = context.Request;
        _requests.Enqueue(new FakeRequest(request.Method, request.Path, request.Headers.Authorization.ToString(), request.ContentType,
            request.Headers.Accept.ToString(), body, outcome, Options.Time.GetUtcNow()));
    }

    private void AppendToLogFile(FakeMessage message)
    {
        if (Options.AcceptedLogPath is not { } path)
        {
            return;
        }

        // One open-append-close per request: another process reading the file sees whole requests.
        lock (_logFile)
        {
            File.AppendAllLines(path, message.Recipients.Select(r => $"{message.Reference};{r}"));
        }
    }
}
