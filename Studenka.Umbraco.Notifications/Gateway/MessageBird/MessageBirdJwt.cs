using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Studenka.Umbraco.Notifications.Gateway.MessageBird;

/// <summary>
/// The stateless half of the check of a <c>MessageBird-Signature-JWT</c> (fact sheet §6.1), as
/// MessageBird's SDKs do it: HS256/384/512 over the key's UTF-8 bytes, issuer, nbf ≤ now ≤ exp,
/// the URL as received and the raw body. The HMAC is computed here rather than by a JWT library
/// because those refuse keys shorter than the hash (HS256 under 32 bytes), while HMAC and
/// MessageBird accept a signing key of any length. Claims are read with their JSON types: a time
/// written as a string is refused, not converted.
/// </summary>
public static class MessageBirdJwt
{
    private const string Issuer = "MessageBird";

    /// <summary>A real token is well under 1 kB; anything far larger is not worth decoding.</summary>
    private const int MaxTokenLength = 8 * 1024;

    /// <summary>As the PHP, Java and Go SDKs: 1 s either side for clocks that differ a little.</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(1);

    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <param name="maxLifetime">How far ahead of now exp may lie; MessageBird's tokens live 60 s.</param>
    public static SignatureCheck Check(string? token, string signingKey, string url, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxLifetime)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return SignatureCheck.Invalid("missing " + MessageBirdSignatureVerifier.HeaderName + " header");
        }

        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        var parts = token.Length <= MaxTokenLength ? token.Split('.') : [];
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            return SignatureCheck.Invalid("token malformed (not header.payload.signature)");
        }

        using var header = Decode(parts[0]);
        if (header is null)
        {
            return SignatureCheck.Invalid("token malformed (header is not base64url JSON)");
        }

        if (CheckSignature(header.RootElement, parts, signingKey) is { } refused)
        {
            return refused;
        }

        using var payload = Decode(parts[1]);
        return payload is null
            ? SignatureCheck.Invalid("token malformed (payload is not base64url JSON)")
            : CheckClaims(payload.RootElement, url, body, now, maxLifetime);
    }

    private static SignatureCheck? CheckSignature(JsonElement header, string[] parts, string signingKey)
    {
        if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
        {
            return SignatureCheck.Invalid("token header has no alg");
        }

        // RFC 7515 §4.1.11: extensions we do not understand must not be ignored.
        if (header.TryGetProperty("crit", out _))
        {
            return SignatureCheck.Invalid("token header has crit extensions");
        }

        Func<byte[], byte[], byte[]>? hmac = alg.GetString() switch
        {
            "HS256" => HMACSHA256.HashData,
            "HS384" => HMACSHA384.HashData,
            "HS512" => HMACSHA512.HashData,
            _ => null,
        };
        if (hmac is null)
        {
            return SignatureCheck.Invalid("algorithm not allowed: " + Shorten(alg.GetString()));
        }

        // Compared as canonical base64url text: a re-encoded signature with other padding bits is refused too.
        var expected = Base64Url.EncodeToString(hmac(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2]))
            ? null
            : SignatureCheck.Invalid("signature invalid");
    }

    private static SignatureCheck CheckClaims(JsonElement claims, string url, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxLifetime)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return SignatureCheck.Invalid("token payload is not a JSON object");
        }

        if (!claims.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != Issuer)
        {
            return SignatureCheck.Invalid("wrong issuer");
        }

        if (Time(claims, "nbf") is not { } notBefore)
        {
            return SignatureCheck.Invalid("claim nbf is missing or not a number of seconds");
        }

        if (Time(claims, "exp") is not { } expires)
        {
            return SignatureCheck.Invalid("claim exp is missing or not a number of seconds");
        }

        if (now + Leeway < notBefore)
        {
            return SignatureCheck.Invalid("claim nbf is in the future");
        }

        if (now - Leeway > expires)
        {
            return SignatureCheck.Invalid("claim exp is in the past");
        }

        // A signed token that lives for hours would let a captured call be replayed long after
        // the replay cache could still remember it.
        if (expires - now > maxLifetime)
        {
            return SignatureCheck.Invalid($"claim exp is more than {maxLifetime.TotalSeconds:0} s ahead");
        }

        if (Text(claims, "jti") is not { Length: > 0 and <= 256 } tokenId)
        {
            return SignatureCheck.Invalid("claim jti is missing or not a string");
        }

        return CheckHashes(claims, url, body) ?? SignatureCheck.Valid(tokenId, expires + Leeway);
    }

    private static SignatureCheck? CheckHashes(JsonElement claims, string url, ReadOnlySpan<byte> body)
    {
        if (Text(claims, "url_hash") is not { Length: > 0 } urlHash)
        {
            return SignatureCheck.Invalid("claim url_hash is missing");
        }

        if (!HashEquals(urlHash, Encoding.UTF8.GetBytes(url)))
        {
            return SignatureCheck.Invalid("claim url_hash does not match the URL as received");
        }

        var hasPayloadHash = claims.TryGetProperty("payload_hash", out var payloadHashClaim);
        if (hasPayloadHash && payloadHashClaim.ValueKind != JsonValueKind.String)
        {
            return SignatureCheck.Invalid("claim payload_hash is not a string");
        }

        var payloadHash = hasPayloadHash ? payloadHashClaim.GetString() : null;
        return (body.IsEmpty, payloadHash is { Length: > 0 }) switch
        {
            (true, true) => SignatureCheck.Invalid("claim payload_hash is set but the body is empty"),
            (false, false) => SignatureCheck.Invalid("body present but claim payload_hash is missing"),
            (false, true) when !HashEquals(payloadHash!, body) => SignatureCheck.Invalid("claim payload_hash does not match the body"),
            _ => null,
        };
    }

    /// <summary>A NumericDate (RFC 7519): a JSON number of seconds; a string, bool or null is refused.</summary>
    private static DateTimeOffset? Time(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds))
        {
            return null;
        }

        var max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        return seconds is >= 0 && seconds <= max ? DateTimeOffset.UnixEpoch.AddSeconds(Math.Floor(seconds)) : null;
    }

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument? Decode(string part)
    {
        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(part), Json);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool HashEquals(string expectedHex, ReadOnlySpan<byte> data)
    {
        var actual = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(data)));
        return CryptographicOperations.FixedTimeEquals(actual, Encoding.ASCII.GetBytes(expectedHex));
    }

    /// <summary>Header values come from whoever called; a log line gets only a short, printable piece.</summary>
    private static string Shorten(string? value) =>
        new((value ?? "").Take(16).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
