using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Gateway.MessageBird;

public sealed class MessageBirdSignatureVerifierTests
{
    private const string Key = "36efdd1aace2e26cd490f0d951138253bef2f7c6d34d18981da781555cc4cebb";
    private const string Url = "https://sms.studenka.cz/sms/webhooks/messagebird/dlr?id=e8077d80&reference=b-1&recipient=420601123456&status=delivered&statusDatetime=2026-11-27T09%3A00%3A00%2B00%3A00";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] NoBody = [];

    public static TheoryData<string> VectorNames() => new(SignatureVectorCase.All.Select(c => c.Name));

    [Fact]
    public void The_copied_reference_file_holds_all_43_cases() => Assert.Equal(43, SignatureVectorCase.All.Count);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public async Task Every_reference_vector_is_judged_as_MessageBird_judges_it(string name)
    {
        var vector = SignatureVectorCase.Named(name);
        // The "none" case carries no secret; use the common one so the algorithm, not a missing key, is what fails.
        var check = await MessageBirdSignatureVerifier.VerifyAsync(vector.Token, vector.Secret ?? Key, vector.Url, vector.Body, new FakeTimeProvider(vector.Timestamp));

        Assert.True(vector.Valid == check.IsValid, $"{name}: expected valid={vector.Valid} ({vector.Reason}), got {check.Reason}");
        // Refused for the same reason, not by accident: the claim the SDK names is the one we name.
        foreach (var claim in new[] { "nbf", "exp", "url_hash", "payload_hash", "signature" }.Where(c => vector.Reason?.Contains("claim " + c, StringComparison.Ordinal) == true || (c == "signature" && vector.Reason?.Contains("signature is invalid", StringComparison.Ordinal) == true)))
        {
            Assert.Contains(claim, check.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_signed_for_the_url_and_body_is_valid()
    {
        var body = Encoding.UTF8.GetBytes("originator=420601123456&body=STOP");
        var check = await Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, body), Url, body);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public async Task A_changed_query_parameter_is_refused()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, Url, Now);

        var check = await Verify(token, Url.Replace("status=delivered", "status=delivery_failed", StringComparison.Ordinal));

        Assert.False(check.IsValid);
        Assert.Contains("url_hash", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reordered_query_is_refused_because_the_url_is_never_normalised()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, "https://sms.studenka.cz/dlr?a=1&b=2", Now);

        Assert.False((await Verify(token, "https://sms.studenka.cz/dlr?b=2&a=1")).IsValid);
    }

    [Fact]
    public async Task A_changed_body_byte_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("originator=420601123456&body=STOP");
        var token = MessageBirdWebhookSigner.Sign(Key, Url, Now, body);
        body[^1] = (byte)'Q';

        var check = await Verify(token, Url, body);

        Assert.False(check.IsValid);
        Assert.Contains("payload_hash", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused_even_one_second_past_the_leeway()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(-62), lifetime: TimeSpan.FromSeconds(60));

        var check = await Verify(token, Url);

        Assert.False(check.IsValid);
        Assert.Contains("expired", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_within_the_one_second_leeway_is_accepted()
    {
        Assert.True((await Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(1)), Url)).IsValid);
        Assert.True((await Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(-61), lifetime: TimeSpan.FromSeconds(60)), Url)).IsValid);
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused()
    {
        var check = await Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now.AddSeconds(5)), Url);

        Assert.False(check.IsValid);
        Assert.Contains("not yet valid", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_comes_from_the_injected_clock_not_the_system_clock()
    {
        var longAgo = new DateTimeOffset(2021, 7, 5, 10, 0, 0, TimeSpan.Zero);
        var token = MessageBirdWebhookSigner.Sign(Key, Url, longAgo);

        Assert.True((await MessageBirdSignatureVerifier.VerifyAsync(token, Key, Url, NoBody, new FakeTimeProvider(longAgo))).IsValid);
        Assert.False((await Verify(token, Url)).IsValid);
    }

    [Fact]
    public async Task A_wrong_issuer_is_refused()
    {
        var check = await Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, issuer: "Bird"), Url);

        Assert.False(check.IsValid);
        Assert.Equal("wrong issuer", check.Reason);
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_refused()
    {
        Assert.False((await Verify(MessageBirdWebhookSigner.Unsigned(Url, Now), Url)).IsValid);
    }

    [Fact]
    public async Task A_token_re_signed_with_another_key_is_refused()
    {
        var check = await Verify(MessageBirdWebhookSigner.Sign("another-key-of-the-same-length-0123456789abcdef0123456789abcdef", Url, Now), Url);

        Assert.False(check.IsValid);
        Assert.Equal("signature invalid", check.Reason);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384)]
    [InlineData(SecurityAlgorithms.HmacSha512)]
    public async Task Stronger_hmac_algorithms_are_accepted(string algorithm)
    {
        Assert.True((await Verify(MessageBirdWebhookSigner.Sign(Key, Url, Now, algorithm: algorithm), Url)).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_missing_header_is_refused(string? token)
    {
        var check = await Verify(token, Url);

        Assert.False(check.IsValid);
        Assert.Contains("missing", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_instead_of_a_token_is_refused_without_an_exception()
    {
        Assert.False((await Verify("not.a.jwt", Url)).IsValid);
        Assert.False((await Verify("%%%", Url)).IsValid);
    }

    [Fact]
    public async Task A_key_too_short_for_the_library_gives_invalid_not_an_exception()
    {
        // Signed outside the library (which refuses to sign with 5 bytes), as a misconfigured sender would.
        var header = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"MessageBird","nbf":{{Now.ToUnixTimeSeconds()}},"exp":{{Now.ToUnixTimeSeconds() + 60}},"url_hash":"{{MessageBirdWebhookSigner.Sha256Hex(Encoding.UTF8.GetBytes(Url))}}"}""");
        var signature = Base64UrlEncoder.Encode(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("short"), Encoding.ASCII.GetBytes(header + "." + payload)));

        var check = await MessageBirdSignatureVerifier.VerifyAsync(header + "." + payload + "." + signature, "short", Url, NoBody, new FakeTimeProvider(Now));

        Assert.False(check.IsValid);
    }

    [Fact]
    public async Task Without_a_configured_key_every_call_is_refused()
    {
        var verifier = new MessageBirdSignatureVerifier(Options.Create(new SmsOptions { WebhookSigningKey = null }), new FakeTimeProvider(Now));

        Assert.False(verifier.IsConfigured);
        Assert.False((await verifier.VerifyAsync(MessageBirdWebhookSigner.Sign(Key, Url, Now), Url, NoBody)).IsValid);
    }

    private static Task<SignatureCheck> Verify(string? token, string url, byte[]? body = null) =>
        MessageBirdSignatureVerifier.VerifyAsync(token, Key, url, body ?? NoBody, new FakeTimeProvider(Now));
}
