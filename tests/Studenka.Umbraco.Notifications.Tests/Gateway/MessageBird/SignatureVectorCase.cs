using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Studenka.Umbraco.Notifications.Tests.Gateway.MessageBird;

/// <summary>One case of MessageBird's reference vectors (the Go SDK's reference.json, 43 cases).</summary>
public sealed record SignatureVectorCase(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("secret")] string? Secret,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("payload")] string? Payload,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("reason")] string? Reason)
{
    private static readonly Lazy<IReadOnlyList<SignatureVectorCase>> Cases = new(() =>
        JsonSerializer.Deserialize<List<SignatureVectorCase>>(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Gateway", "MessageBird", "messagebird-signature-jwt-vectors.json")))!);

    public static IReadOnlyList<SignatureVectorCase> All => Cases.Value;

    public static SignatureVectorCase Named(string name) => All.Single(c => c.Name == name);

    public byte[] Body => Encoding.UTF8.GetBytes(Payload ?? string.Empty);

    /// <summary>The token's jti, read straight from its payload (the vectors do not list it).</summary>
    public string TokenId => JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(Token.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;
}
