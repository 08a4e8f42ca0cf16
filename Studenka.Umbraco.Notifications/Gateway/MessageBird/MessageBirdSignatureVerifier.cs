using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

/// <summary>Outcome of a signature check; <see cref="Reason"/> is for logs, never for the caller.</summary>
public sealed record SignatureCheck(bool IsValid, string Reason)
{
    public static SignatureCheck Valid { get; } = new(true, "valid");

    public static SignatureCheck Invalid(string reason) => new(false, reason);
}

/// <summary>
/// Checks the <c>MessageBird-Signature-JWT</c> header of a webhook call the way MessageBird's SDKs
/// do (fact sheet §6.1): HMAC only, issuer, time window by our clock, and hashes binding the URL as
/// received and the raw body. Anyone can reach a webhook URL; only this makes a call MessageBird's.
/// </summary>
public sealed class MessageBirdSignatureVerifier(IOptions<SmsOptions> options, TimeProvider time)
{
    public const string HeaderName = "MessageBird-Signature-JWT";

    private const string Issuer = "MessageBird";

    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(1);

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private static readonly string[] Algorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512];

    /// <summary>Without a signing key no call can be trusted, so every webhook call is refused.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.WebhookSigningKey);

    public Task<SignatureCheck> VerifyAsync(string? token, string url, ReadOnlyMemory<byte> body) =>
        VerifyAsync(token, options.Value.WebhookSigningKey, url, body, time);

    public static async Task<SignatureCheck> VerifyAsync(string? token, string? signingKey, string url, ReadOnlyMemory<byte> body, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return SignatureCheck.Invalid("missing " + HeaderName + " header");
        }

        if (string.IsNullOrEmpty(signingKey))
        {
            return SignatureCheck.Invalid("no webhook signing key configured");
        }

        TokenValidationResult result;
        try
        {
            result = await Handler.ValidateTokenAsync(token, Parameters(signingKey));
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException)
        {
            // The library throws for some inputs instead of reporting them (e.g. a key too short for the algorithm).
            return SignatureCheck.Invalid("token refused: " + e.GetType().Name);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return SignatureCheck.Invalid(Describe(result.Exception));
        }

        return CheckLifetime(jwt, time.GetUtcNow()) ?? CheckHashes(jwt, url, body.Span);
    }

    private static TokenValidationParameters Parameters(string signingKey) => new()
    {
        // The key is used as its UTF-8 bytes as-is; MessageBird's keys look like hex but are not decoded.
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        ValidateIssuer = true,
        ValidIssuer = Issuer,
        ValidateAudience = false,
        // The library's lifetime check reads the system clock; ours must follow the injected TimeProvider.
        ValidateLifetime = false,
    };

    /// <summary>nbf ≤ now ≤ exp with 1 s leeway (as the PHP, Java and Go SDKs); both claims are required.</summary>
    private static SignatureCheck? CheckLifetime(JsonWebToken jwt, DateTimeOffset now)
    {
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var notBefore)
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var expires))
        {
            return SignatureCheck.Invalid("claim nbf or exp is missing");
        }

        if (now < DateTimeOffset.FromUnixTimeSeconds(notBefore) - Leeway)
        {
            return SignatureCheck.Invalid("token not yet valid (nbf)");
        }

        return now > DateTimeOffset.FromUnixTimeSeconds(expires) + Leeway
            ? SignatureCheck.Invalid("token expired (exp)")
            : null;
    }

    private static SignatureCheck CheckHashes(JsonWebToken jwt, string url, ReadOnlySpan<byte> body)
    {
        if (!jwt.TryGetPayloadValue<string>("url_hash", out var urlHash) || string.IsNullOrEmpty(urlHash))
        {
            return SignatureCheck.Invalid("claim url_hash is missing");
        }

        if (!HashEquals(urlHash, Encoding.UTF8.GetBytes(url)))
        {
            return SignatureCheck.Invalid("claim url_hash does not match the URL as received");
        }

        var hasPayloadHash = jwt.TryGetPayloadValue<string>("payload_hash", out var payloadHash) && !string.IsNullOrEmpty(payloadHash);
        return (body.IsEmpty, hasPayloadHash) switch
        {
            (true, true) => SignatureCheck.Invalid("claim payload_hash is set but the body is empty"),
            (false, false) => SignatureCheck.Invalid("body present but claim payload_hash is missing"),
            (false, true) when !HashEquals(payloadHash!, body) => SignatureCheck.Invalid("claim payload_hash does not match the body"),
            _ => SignatureCheck.Valid,
        };
    }

    private static bool HashEquals(string expectedHex, ReadOnlySpan<byte> data)
    {
        var actual = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(data)));
        return CryptographicOperations.FixedTimeEquals(actual, Encoding.ASCII.GetBytes(expectedHex));
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "signature invalid",
        SecurityTokenMalformedException => "token malformed",
        null => "token invalid",
        _ => "token invalid: " + exception.GetType().Name,
    };
}
