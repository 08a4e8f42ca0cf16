using System.Security.Cryptography;
using System.Text.Json;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>
/// One sign-up form post for a phone, named by a random key the resident's code page carries.
/// Each attempt confirms only its own data, so a stranger's later sign-up for the same number
/// cannot change what the owner's code will confirm.
/// </summary>
public sealed record SignUpAttempt(string Phone, string Key)
{
    /// <summary>A fresh key: 128 random bits, hex, always the same length (the page must not tell whether it is stored).</summary>
    public static SignUpAttempt New(string phone) => new(phone, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
}

/// <summary>What a sign-up code confirms: the validated form and the consent given with it.</summary>
public sealed record PendingSignUp(SubscriptionDetails Details, string ConsentVersion, long ConsentAtMs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PendingSignUp FromJson(string json) =>
        JsonSerializer.Deserialize<PendingSignUp>(json, Json) ?? throw new InvalidOperationException("A stored sign-up could not be read.");
}
