using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// A real SMTP server (SmtpServer) on 127.0.0.1 and a free port, in the test process. What it
/// received is in <see cref="Received"/>; <see cref="OnRecipient"/> and <see cref="AfterData"/> script
/// its failures (a 421, a dropped connection, a 550) per attempt.
/// </summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private int _recipients;
    private int _messages;

    public SmtpTestServer(bool login = false)
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(login).AuthenticationRequired(login))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        // Not this object: SmtpServer disposes the handlers it is given when a session ends.
        var handlers = new Handlers(this);
        services.Add((IMailboxFilter)handlers);
        services.Add((IMessageStore)handlers);
        if (login)
        {
            services.Add((IUserAuthenticator)handlers);
        }

        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Per RCPT TO (1-based attempt, address): throw to fail it (SmtpResponseException for a reply, anything else drops the connection), false for 550.</summary>
    public Func<int, string, bool>? OnRecipient { get; set; }

    /// <summary>After the data of the n-th message arrived and was kept: true drops the connection before the 250.</summary>
    public Func<int, bool>? DropAfterData { get; set; }

    public static SmtpResponseException Reply(SmtpReplyCode code, string text) => new(new SmtpResponse(code, text), quit: true);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        _server.Shutdown();
        _stop.Cancel();
        try
        {
            _running.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled on purpose.
        }

        _stop.Dispose();
    }

    private sealed class Handlers(SmtpTestServer server) : IMailboxFilter, IMessageStore, IUserAuthenticator
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(server.OnRecipient?.Invoke(Interlocked.Increment(ref server._recipients), to.AsAddress()) ?? true);

        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using (var stream = new MemoryStream(buffer.ToArray()))
            {
                server.Received.Enqueue(MimeMessage.Load(stream, cancellationToken));
            }

            if (server.DropAfterData?.Invoke(Interlocked.Increment(ref server._messages)) == true)
            {
                // Closing the socket is the drop; a thrown exception would be answered with a 554.
                (context.Pipe as IDisposable)?.Dispose();
            }

            return Task.FromResult(new SmtpResponse(SmtpReplyCode.Ok, "queued"));
        }

        /// <summary>Refuses every login (535): the e-mail channel's configuration error.</summary>
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
