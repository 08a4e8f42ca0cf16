using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// Signs webhook calls the way MessageBird does (fact sheet §6.1), so tests can play MessageBird,
/// and, by changing one input, an attacker. The JWT is put together by hand with
/// System.Security.Cryptography's HMAC, not by a JWT library, so it shares no code (and no
/// key-length rule) with the verifier it tests.
/// </summary>
public static class MessageBirdWebhookSigner
{
    public const string HeaderName = "MessageBird-Signature-JWT";

    public static string Sign(
        string key,
        string url,
        DateTimeOffset now,
        byte[]? body = null,
        string algorithm = "HS256",
        string issuer = "MessageBird",
        TimeSpan? notBeforeOffset = null,
        TimeSpan? lifetime = null,
        string? jti = null)
    {
        var notBefore = now + (notBeforeOffset ?? TimeSpan.Zero);
        return SignClaims(key, Claims(url, body, issuer, notBefore.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            (notBefore + (lifetime ?? TimeSpan.FromSeconds(60))).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Quote(jti ?? Guid.NewGuid().ToString())), algorithm);
    }

    /// <summary>
    /// The claims of a token for <paramref name="url"/>, with nbf, exp and jti given as raw JSON
    /// (e.g. <c>"\"1700000000\""</c> for a string where a number belongs; null leaves the claim out).
    /// </summary>
    public static string Claims(string url, byte[]? body, string issuer, string? nbfJson, string? expJson, string? jtiJson)
    {
        var claims = new List<string> { "\"iss\":" + Quote(issuer) };
        if (nbfJson is not null)
        {
            claims.Add("\"nbf\":" + nbfJson);
        }

        if (expJson is not null)
        {
            claims.Add("\"exp\":" + expJson);
        }

        if (jtiJson is not null)
        {
            claims.Add("\"jti\":" + jtiJson);
        }

        claims.Add("\"url_hash\":" + Quote(Sha256Hex(Encoding.UTF8.GetBytes(url))));
        if (body is { Length: > 0 })
        {
            claims.Add("\"payload_hash\":" + Quote(Sha256Hex(body)));
        }

        return "{" + string.Join(",", claims) + "}";
    }

    /// <summary>Signs any claims JSON with HS256, HS384 or HS512 and the key's UTF-8 bytes.</summary>
    public static string SignClaims(string key, string claimsJson, string algorithm = "HS256")
    {
        var signingInput = Part("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}") + "." + Part(claimsJson);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = algorithm switch
        {
            "HS256" => HMACSHA256.HashData(keyBytes, data),
            "HS384" => HMACSHA384.HashData(keyBytes, data),
            "HS512" => HMACSHA512.HashData(keyBytes, data),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "HS256, HS384 or HS512"),
        };
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise perfect claims.</summary>
    public static string Unsigned(string url, DateTimeOffset now) =>
        Part("""{"alg":"none","typ":"JWT"}""") + "." + Part(Claims(url, null, "MessageBird",
            now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), (now.ToUnixTimeSeconds() + 60).ToString(CultureInfo.InvariantCulture), Quote(Guid.NewGuid().ToString()))) + ".";

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
