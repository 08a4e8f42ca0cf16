using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

/// <summary>Outcome of a signature check; <see cref="Reason"/> is for logs, never for the caller.</summary>
public sealed record SignatureCheck(
    [property: MemberNotNullWhen(true, nameof(SignatureCheck.TokenId), nameof(SignatureCheck.ExpiresAt))] bool IsValid,
    string Reason,
    string? TokenId = null,
    DateTimeOffset? ExpiresAt = null)
{
    public static SignatureCheck Valid(string tokenId, DateTimeOffset expiresAt) => new(true, "valid", tokenId, expiresAt);

    public static SignatureCheck Invalid(string reason) => new(false, reason);
}

/// <summary>
/// Decides whether a webhook call is MessageBird's: the token checks of <see cref="MessageBirdJwt"/>
/// with the configured key and our clock, then the replay cache, so each token is accepted once.
/// Anyone can reach a webhook URL; only this makes a call MessageBird's.
/// </summary>
public sealed class MessageBirdSignatureVerifier(IOptions<SmsOptions> options, WebhookReplayCache replays, TimeProvider time)
{
    public const string HeaderName = "MessageBird-Signature-JWT";

    /// <summary>Without a signing key no call can be trusted, so every webhook call is refused.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.WebhookSigningKey);

    public async Task<SignatureCheck> VerifyAsync(string? token, string url, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.WebhookSigningKey))
        {
            return SignatureCheck.Invalid("no webhook signing key configured (Studenka:Sms:WebhookSigningKey)");
        }

        var check = MessageBirdJwt.Check(token, settings.WebhookSigningKey, url, body.Span, time.GetUtcNow(), TimeSpan.FromSeconds(settings.WebhookTokenMaxLifetimeSeconds));
        if (!check.IsValid)
        {
            return check;
        }

        // Last, so that only a token that is valid in every other respect takes its jti.
        return await replays.TryClaimAsync(check.TokenId, check.ExpiresAt.Value, cancellationToken)
            ? check
            : SignatureCheck.Invalid("claim jti was already used (replayed token)");
    }

    /// <summary>Gives an accepted token back when its call failed on our side (MessageBird may retry with it).</summary>
    public Task ReleaseAsync(SignatureCheck accepted, CancellationToken cancellationToken) =>
        accepted.IsValid ? replays.ReleaseAsync(accepted.TokenId, cancellationToken) : Task.CompletedTask;
}
