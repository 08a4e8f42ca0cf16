using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Studenka.Umbraco.Testing;

/// <summary>
/// Signs webhook calls the way MessageBird does (fact sheet §6.1), so tests can play MessageBird,
/// and, by changing one input, an attacker.
/// </summary>
public static class MessageBirdWebhookSigner
{
    public const string HeaderName = "MessageBird-Signature-JWT";

    public static string Sign(
        string key,
        string url,
        DateTimeOffset now,
        byte[]? body = null,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string issuer = "MessageBird",
        TimeSpan? notBeforeOffset = null,
        TimeSpan? lifetime = null)
    {
        var notBefore = now + (notBeforeOffset ?? TimeSpan.Zero);
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["nbf"] = notBefore.ToUnixTimeSeconds(),
            ["exp"] = (notBefore + (lifetime ?? TimeSpan.FromSeconds(60))).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["url_hash"] = Sha256Hex(Encoding.UTF8.GetBytes(url)),
        };
        if (body is { Length: > 0 })
        {
            claims["payload_hash"] = Sha256Hex(body);
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise perfect claims.</summary>
    public static string Unsigned(string url, DateTimeOffset now)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var payload = $$"""{"iss":"MessageBird","nbf":{{now.ToUnixTimeSeconds()}},"exp":{{now.ToUnixTimeSeconds() + 60}},"jti":"{{Guid.NewGuid()}}","url_hash":"{{Sha256Hex(Encoding.UTF8.GetBytes(url))}}"}""";
        return Part("""{"alg":"none","typ":"JWT"}""") + "." + Part(payload) + ".";
    }

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
