using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Gateway.MessageBird;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Gateway.MessageBird;

/// <summary>The verifier with its configured key, clock and the replay cache on a real SQLite file.</summary>
public sealed class MessageBirdSignatureVerifierTests : IAsyncLifetime
{
    private const string Key = "k3y";
    private const string Url = "https://sms.studenka.cz/sms/webhooks/messagebird/dlr?reference=b-1&recipient=420601123456&status=delivered";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_time, seed: false);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>A verifier as one node has it; two of them over one database are two nodes.</summary>
    private MessageBirdSignatureVerifier Node(string? key = Key, int maxLifetimeSeconds = 300) => new(
        Options.Create(new SmsOptions { WebhookSigningKey = key, WebhookTokenMaxLifetimeSeconds = maxLifetimeSeconds }),
        new WebhookReplayCache(_database.Connections, _time), _time);

    private string Sign(string? jti = null) => MessageBirdWebhookSigner.Sign(Key, Url, _time.GetUtcNow(), jti: jti);

    private async Task<long> RememberedTokensAsync()
    {
        await using var connection = await _database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_token_ids");
    }

    [Fact]
    public async Task A_three_byte_key_from_configuration_verifies_messagebirds_token()
    {
        var check = await Node().VerifyAsync(Sign(), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public async Task Time_comes_from_the_injected_clock_not_the_system_clock()
    {
        _time.AdjustTime(new DateTimeOffset(2021, 7, 5, 10, 0, 0, TimeSpan.Zero));

        var check = await Node().VerifyAsync(Sign(), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public async Task The_same_token_a_second_time_is_refused_as_a_replay()
    {
        var token = Sign();
        var node = Node();

        var first = await node.VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        var replay = await node.VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.True(first.IsValid, first.Reason);
        Assert.False(replay.IsValid);
        Assert.Contains("replay", replay.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_replayed_to_another_node_is_refused_there_too()
    {
        var token = Sign();

        Assert.True((await Node().VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None)).IsValid);
        Assert.False((await Node().VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task Another_token_with_the_same_jti_is_a_replay_while_the_first_is_unexpired()
    {
        var node = Node();
        Assert.True((await node.VerifyAsync(Sign("jti-1"), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None)).IsValid);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.False((await node.VerifyAsync(Sign("jti-1"), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task A_token_refused_for_another_reason_does_not_use_up_its_jti()
    {
        var node = Node();
        var token = Sign();

        var tampered = await node.VerifyAsync(token, Url + "&status=expired", ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        var genuine = await node.VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.Contains("url_hash", tampered.Reason, StringComparison.Ordinal);
        Assert.True(genuine.IsValid, genuine.Reason);
    }

    [Fact]
    public async Task Remembered_tokens_are_deleted_once_they_have_expired()
    {
        var node = Node();
        await node.VerifyAsync(Sign(), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        await node.VerifyAsync(Sign(), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        Assert.Equal(2, await RememberedTokensAsync());
        _time.Advance(TimeSpan.FromSeconds(62));

        await node.VerifyAsync(Sign(), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.Equal(1, await RememberedTokensAsync());
    }

    [Fact]
    public async Task A_released_token_is_accepted_again_as_messagebirds_retry()
    {
        var node = Node();
        var token = Sign();
        var accepted = await node.VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        await node.ReleaseAsync(accepted, CancellationToken.None);

        Assert.True((await node.VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task The_configured_lifetime_limit_is_applied()
    {
        var token = MessageBirdWebhookSigner.Sign(Key, Url, _time.GetUtcNow(), lifetime: TimeSpan.FromMinutes(3));

        var check = await Node(maxLifetimeSeconds: 120).VerifyAsync(token, Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None);

        Assert.False(check.IsValid);
        Assert.Contains("exp", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_valid_reference_vectors_pass_the_whole_verifier_at_their_own_time_and_share_jtis()
    {
        var valid = SignatureVectorCase.All.Where(v => v.Valid).ToList();
        foreach (var vector in valid)
        {
            _time.AdjustTime(vector.Timestamp);
            var node = Node(vector.Secret);

            var check = await node.VerifyAsync(vector.Token, vector.Url, vector.Body, CancellationToken.None);

            Assert.True(check.IsValid, $"{vector.Name}: {check.Reason}");
            await node.ReleaseAsync(check, CancellationToken.None);
        }

        // The vectors reuse jtis across cases: through one replay cache only the first of each would pass.
        Assert.True(valid.Select(v => v.TokenId).Distinct().Count() < valid.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_a_configured_key_every_call_is_refused(string? key)
    {
        var node = Node(key);

        Assert.False(node.IsConfigured);
        Assert.False((await node.VerifyAsync(MessageBirdWebhookSigner.Sign(Key, Url, _time.GetUtcNow()), Url, ReadOnlyMemory<byte>.Empty, CancellationToken.None)).IsValid);
    }
}
