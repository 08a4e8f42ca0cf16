using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Gateway.MessageBird;

/// <summary>The stateless token checks: MessageBird's reference vectors, key lengths, claim types.</summary>
public sealed class MessageBirdJwtTests
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private const string Key = "36efdd1aace2e26cd490f0d951138253bef2f7c6d34d18981da781555cc4cebb";
    private const string Url = "https://sms.studenka.cz/sms/webhooks/messagebird/dlr?id=e8077d80&reference=b-1&recipient=420601123456&status=delivered&statusDatetime=2026-11-27T09%3A00%3A00%2B00%3A00";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] NoBody = [];

    public static TheoryData<string> VectorNames() => new(SignatureVectorCase.All.Select(c => c.Name));

    [Fact]
    public void The_copied_reference_file_holds_all_43_cases() => Assert.Equal(43, SignatureVectorCase.All.Count);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Every_reference_vector_is_judged_as_MessageBird_judges_it(string name)
    {
        var vector = SignatureVectorCase.Named(name);
        // The "none" case carries no secret; use the common one so the algorithm, not a missing key, is what fails.
        var check = MessageBirdJwt.Check(vector.Token, vector.Secret ?? Key, vector.Url, vector.Body, vector.Timestamp, MaxLifetime);

        Assert.True(vector.Valid == check.IsValid, $"{name}: expected valid={vector.Valid} ({vector.Reason}), got {check.Reason}");
        Assert.Equal(vector.Valid ? vector.TokenId : null, check.TokenId);
        // Refused for the same reason, not by accident: the claim the SDK names is the one we name.
        foreach (var claim in new[] { "nbf", "exp", "url_hash", "payload_hash", "signature" }.Where(c => vector.Reason?.Contains("claim " + c, StringComparison.Ordinal) == true || (c == "signature" && vector.Reason?.Contains("signature is invalid", StringComparison.Ordinal) == true)))
        {
            Assert.Contains(claim, check.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_token_signed_for_the_url_and_body_is_valid()
    {
        var body = Encoding.UTF8.GetBytes("originator=420601123456&body=STOP");
        var check = Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, body), Url, body);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void A_changed_query_parameter_is_refused()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, Url, Now);

        var check = Verify(token, Url.Replace("status=delivered", "status=delivery_failed", StringComparison.Ordinal));

        Assert.False(check.IsValid);
        Assert.Contains("url_hash", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reordered_query_is_refused_because_the_url_is_never_normalised()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, "https://sms.studenka.cz/dlr?a=1&b=2", Now);

        Assert.False(Verify(token, "https://sms.studenka.cz/dlr?b=2&a=1").IsValid);
    }

    [Fact]
    public void A_changed_body_byte_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("originator=420601123456&body=STOP");
        var token = MessageBirdWebhookSigner.Sign(Key, Url, Now, body);
        body[^1] = (byte)'Q';

        var check = Verify(token, Url, body);

        Assert.False(check.IsValid);
        Assert.Contains("payload_hash", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_token_is_refused_even_one_second_past_the_leeway()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(-62), lifetime: TimeSpan.FromSeconds(60));

        var check = Verify(token, Url);

        Assert.False(check.IsValid);
        Assert.Contains("claim exp is in the past", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_within_the_one_second_leeway_is_accepted()
    {
        Assert.True(Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(1)), Url).IsValid);
        Assert.True(Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(-61), lifetime: TimeSpan.FromSeconds(60)), Url).IsValid);
    }

    [Fact]
    public void A_token_not_yet_valid_is_refused()
    {
        var check = Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(5)), Url);

        Assert.False(check.IsValid);
        Assert.Contains("claim nbf is in the future", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_issuer_is_refused()
    {
        var check = Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, issuer: "Bird"), Url);

        Assert.False(check.IsValid);
        Assert.Equal("wrong issuer", check.Reason);
    }

    [Fact]
    public void An_unsigned_token_with_alg_none_is_refused()
    {
        Assert.False(Verify(MessageBirdWebhookSigner.Unsigned(Url, Now), Url).IsValid);
    }

    [Fact]
    public void A_token_re_signed_with_another_key_is_refused()
    {
        var check = Verify(MessageBirdWebhookSigner.Sign("another-key-of-the-same-length-0123456789abcdef0123456789abcdef", Url, Now), Url);

        Assert.False(check.IsValid);
        Assert.Equal("signature invalid", check.Reason);
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public void Stronger_hmac_algorithms_are_accepted(string algorithm)
    {
        Assert.True(Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, algorithm: algorithm), Url).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_header_is_refused(string? token)
    {
        var check = Verify(token, Url);

        Assert.False(check.IsValid);
        Assert.Contains("missing", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_instead_of_a_token_is_refused_without_an_exception()
    {
        Assert.False(Verify("not.a.jwt", Url).IsValid);
        Assert.False(Verify("%%%", Url).IsValid);
    }

    public static TheoryData<int, string> KeyLengthsAndAlgorithms()
    {
        var data = new TheoryData<int, string>();
        foreach (var length in new[] { 1, 10, 16, 31, 32, 43, 64 })
        {
            foreach (var algorithm in new[] { "HS256", "HS384", "HS512" })
            {
                data.Add(length, algorithm);
            }
        }

        return data;
    }

    /// <summary>A key of exactly <paramref name="length"/> UTF-8 bytes, different for every length.</summary>
    private static string KeyOf(int length, char salt = 'k') =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)('!' + ((i * 7 + length + salt) % 90))));

    [Theory]
    [MemberData(nameof(KeyLengthsAndAlgorithms))]
    public void A_key_of_any_length_verifies_a_token_signed_independently(int length, string algorithm)
    {
        var key = KeyOf(length);
        var token = MessageBirdWebhookSigner.Sign(key, Url, Now, algorithm: algorithm);

        var check = MessageBirdJwt.Check(token, key, Url, NoBody, Now, MaxLifetime);

        Assert.True(check.IsValid, $"{length} bytes, {algorithm}: {check.Reason}");
    }

    [Theory]
    [MemberData(nameof(KeyLengthsAndAlgorithms))]
    public void A_key_of_any_length_refuses_a_token_signed_with_another_key_of_that_length(int length, string algorithm)
    {
        var token = MessageBirdWebhookSigner.Sign(KeyOf(length, salt: 'x'), Url, Now, algorithm: algorithm);

        var check = MessageBirdJwt.Check(token, KeyOf(length), Url, NoBody, Now, MaxLifetime);

        Assert.False(check.IsValid);
        Assert.Contains("signature", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exp_more_than_five_minutes_ahead_is_refused()
    {
        var check = Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, lifetime: TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2)), Url);

        Assert.False(check.IsValid);
        Assert.Contains("exp", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exp", "\"1764234060\"")]
    [InlineData("exp", "true")]
    [InlineData("exp", "null")]
    [InlineData("exp", "{}")]
    [InlineData("exp", "[1764234060]")]
    [InlineData("exp", "1e300")]
    [InlineData("nbf", "\"1764234000\"")]
    [InlineData("nbf", "false")]
    public void A_time_claim_of_the_wrong_json_type_is_refused(string claim, string json)
    {
        var nbf = claim == "nbf" ? json : Seconds(Now);
        var exp = claim == "exp" ? json : Seconds(Now.AddSeconds(60));
        var token = MessageBirdWebhookSigner.SignClaims(Key, MessageBirdWebhookSigner.Claims(Url, null, "MessageBird", nbf, exp, Jti));

        var check = Verify(token, Url);

        Assert.False(check.IsValid);
        Assert.Contains(claim, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exp_exactly_the_configured_lifetime_ahead_is_accepted()
    {
        Assert.True(Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, lifetime: MaxLifetime), Url).IsValid);
        Assert.False(MessageBirdJwt.Check(MessageBirdWebhookSigner.Sign(Key, Url, Now, lifetime: MaxLifetime), Key, Url, NoBody, Now, TimeSpan.FromMinutes(4)).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("42")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void A_token_without_a_string_jti_is_refused_because_it_could_not_be_kept_from_replay(string? jtiJson)
    {
        var token = MessageBirdWebhookSigner.SignClaims(Key, MessageBirdWebhookSigner.Claims(Url, null, "MessageBird", Seconds(Now), Seconds(Now.AddSeconds(60)), jtiJson));

        var check = Verify(token, Url);

        Assert.False(check.IsValid);
        Assert.Contains("jti", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_token_reports_its_jti_and_when_the_replay_cache_may_forget_it()
    {
        var check = Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, jti: "7c1e0c4e-5d0b-4b5e-8d3c-2f1a0b9c8d7e"), Url);

        Assert.Equal(("7c1e0c4e-5d0b-4b5e-8d3c-2f1a0b9c8d7e", Now.AddSeconds(61)), (check.TokenId, check.ExpiresAt));
    }

    [Fact]
    public void A_payload_hash_that_is_not_a_string_is_refused()
    {
        var claims = MessageBirdWebhookSigner.Claims(Url, null, "MessageBird", Seconds(Now), Seconds(Now.AddSeconds(60)), Jti).TrimEnd('}') + ",\"payload_hash\":12}";

        var check = Verify(MessageBirdWebhookSigner.SignClaims(Key, claims), Url, Encoding.UTF8.GetBytes("x"));

        Assert.False(check.IsValid);
        Assert.Contains("payload_hash", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_given_twice_is_refused_rather_than_read_one_way_or_the_other()
    {
        // Read first-wins, exp is 30 days ahead; read last-wins, it is a normal 60 s token.
        var claims = MessageBirdWebhookSigner.Claims(Url, null, "MessageBird", Seconds(Now), Seconds(Now.AddDays(30)), Jti).TrimEnd('}') + ",\"exp\":" + Seconds(Now.AddSeconds(60)) + "}";

        Assert.False(Verify(MessageBirdWebhookSigner.SignClaims(Key, claims), Url).IsValid);
    }

    [Theory]
    [InlineData("hs256")]
    [InlineData("RS256")]
    [InlineData("none")]
    [InlineData("")]
    public void Only_the_three_hmac_algorithms_are_accepted_by_their_exact_name(string algorithm)
    {
        var header = Part($$"""{"alg":"{{algorithm}}","typ":"JWT"}""");
        var valid = MessageBirdWebhookSigner.Sign(Key, Url, Now).Split('.');
        // Even with an HS256 signature over the forged header, the algorithm name alone decides.
        var signature = Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.ASCII.GetBytes(header + "." + valid[1])));

        var check = Verify(header + "." + valid[1] + "." + signature, Url);

        Assert.False(check.IsValid);
        Assert.Contains("algorithm", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_with_critical_extensions_is_refused()
    {
        var valid = MessageBirdWebhookSigner.Sign(Key, Url, Now).Split('.');
        var header = Part("""{"alg":"HS256","typ":"JWT","crit":["b64"],"b64":false}""");
        var signature = Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.ASCII.GetBytes(header + "." + valid[1])));

        Assert.False(Verify(header + "." + valid[1] + "." + signature, Url).IsValid);
    }

    [Fact]
    public void A_signature_with_anything_appended_is_refused()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, Url, Now);

        Assert.False(Verify(token + "A", Url).IsValid);
        Assert.False(Verify(token + ".x", Url).IsValid);
        Assert.False(Verify(token + "=", Url).IsValid);
    }

    [Fact]
    public void A_huge_header_is_refused_without_decoding_it()
    {
        Assert.False(Verify(new string('a', 100_000) + ".b.c", Url).IsValid);
    }

    private const string Jti = "\"a6f1c1c2-0d1e-4b8f-9e0a-1c2d3e4f5a6b\"";

    private static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static SignatureCheck Verify(string? token, string url, byte[]? body = null) =>
        MessageBirdJwt.Check(token, Key, url, body ?? NoBody, Now, MaxLifetime);
}
