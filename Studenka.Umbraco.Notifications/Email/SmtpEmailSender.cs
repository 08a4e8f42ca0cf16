using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Email;

/// <summary>
/// E-mail through an SMTP server (MailKit), one recipient per message. The server's answers map to
/// the outbox's shared statuses: 2xx accepted; 4xx, a refused connection or one dropped before the
/// message's data was all sent = retry (the server cannot have taken it); dropped after = unknown,
/// never resent; 5xx for the recipient = refused for good and the address marked bounced; a refused
/// login, TLS or sender = configuration error, which pauses e-mail (never SMS).
/// </summary>
public sealed class SmtpEmailSender(EmailComposer composer, EmailBounces bounces, IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IMessageSender
{
    public string Channel => OutboxChannel.Email;

    public async Task<SmsSendResult> SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = await composer.ComposeAsync(batch, cancellationToken);
        var progress = new DataProgress();
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var sending = false;
        try
        {
            await client.ConnectAsync(settings.Host ?? "", settings.Port, Socket(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }

            sending = true;
            await client.SendAsync(message, cancellationToken, progress);
            await QuitAsync(client);
            return new SmsSendResult(SmsSendStatus.Accepted, ProviderMessageId: message.MessageId);
        }
        catch (SmtpCommandException refused)
        {
            return await RefusedAsync(batch, refused, cancellationToken);
        }
        catch (Exception exception) when (exception is AuthenticationException or SslHandshakeException or NotSupportedException
                                              || exception is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
        {
            return new SmsSendResult(SmsSendStatus.ConfigurationError, Error: $"SMTP {settings.Host}:{settings.Port}: {exception.Message}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The server takes a message only after its last byte: before that nothing can have been delivered.
            if (sending && progress.Complete)
            {
                return new SmsSendResult(SmsSendStatus.OutcomeUnknown, Error: "SMTP connection lost after the message was sent: " + exception.Message);
            }

            logger.LogInformation("SMTP connection lost before the message was sent ({Error}); it is retried", exception.Message);
            return new SmsSendResult(SmsSendStatus.TransientFailure, Error: "SMTP connection lost before the message was sent: " + exception.Message);
        }
    }

    private async Task<SmsSendResult> RefusedAsync(OutgoingBatch batch, SmtpCommandException refused, CancellationToken cancellationToken)
    {
        var code = (int)refused.StatusCode;
        var error = $"SMTP {code}: {refused.Message}";
        if (code is >= 400 and < 500)
        {
            return new SmsSendResult(SmsSendStatus.TransientFailure, Error: error);
        }

        switch (refused.ErrorCode)
        {
            case SmtpErrorCode.RecipientNotAccepted:
                await bounces.MarkBouncedAsync(batch.Addresses.Single(), cancellationToken);
                return new SmsSendResult(SmsSendStatus.RejectedPermanently, Error: error);
            case SmtpErrorCode.MessageNotAccepted:
                return new SmsSendResult(SmsSendStatus.RejectedPermanently, Error: error);
            default:
                // The sender refused, or a 5xx to the greeting or the login: nothing will go until someone fixes the settings.
                return new SmsSendResult(SmsSendStatus.ConfigurationError, Error: error);
        }
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or SmtpProtocolException or SmtpCommandException)
        {
            // The message was accepted already; a QUIT that fails changes nothing.
        }
    }

    /// <summary>Whether every byte of the message's data was handed to the connection.</summary>
    private sealed class DataProgress : ITransferProgress
    {
        public bool Complete { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Complete |= bytesTransferred >= totalSize;

        public void Report(long bytesTransferred)
        {
            // Without a total nothing says the data is complete.
        }
    }
}
