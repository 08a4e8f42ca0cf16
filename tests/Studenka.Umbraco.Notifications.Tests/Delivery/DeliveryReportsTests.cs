using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Delivery;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class DeliveryReportsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(At);

    private static async Task<TestDatabase> WithOutboxRowAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await using var connection = await db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO campaigns (package_id, text, diacritics, body, encoding, segments, source, created_by, state, created_at_ms, updated_at_ms)
            VALUES (1, 'Voda', 'keep', 'Voda', 'gsm7', 1, 'manual', 'test', 'sending', 0, 0) RETURNING id
            """);
        await connection.ExecuteAsync(
            "INSERT INTO outbox (campaign_id, address, status, next_attempt_at_ms, batch_id, provider_message_id, updated_at_ms) VALUES (@id, '+420601123456', 'accepted', 0, 'b-1', 'mb-1', 0)",
            new { id });
        return db;
    }

    private static DeliveryReport Report(string status, DateTimeOffset at, string? id = "mb-2") => new(id, "b-1", "+420601123456", status, at, null);

    private static async Task<string?> StatusAsync(TestDatabase db)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT delivery_status FROM outbox");
    }

    [Fact]
    public async Task A_final_status_wins_over_a_temporary_one_reported_for_the_same_second()
    {
        await using var db = await WithOutboxRowAsync();
        var reports = new DeliveryReports(db.Connections, _time, NullLogger<DeliveryReports>.Instance);

        Assert.Equal(DeliveryReportOutcome.Updated, await reports.ApplyAsync(Report("sent", At), CancellationToken.None));
        Assert.Equal(DeliveryReportOutcome.Updated, await reports.ApplyAsync(Report("delivered", At), CancellationToken.None));
        Assert.Equal(DeliveryReportOutcome.Unchanged, await reports.ApplyAsync(Report("sent", At), CancellationToken.None));

        Assert.Equal("delivered", await StatusAsync(db));
    }

    [Fact]
    public async Task The_message_id_from_sending_is_kept()
    {
        await using var db = await WithOutboxRowAsync();
        var reports = new DeliveryReports(db.Connections, _time, NullLogger<DeliveryReports>.Instance);

        await reports.ApplyAsync(Report("delivered", At), CancellationToken.None);

        await using var connection = await db.OpenAsync();
        Assert.Equal("mb-1", await connection.ExecuteScalarAsync<string>("SELECT provider_message_id FROM outbox"));
    }

    [Fact]
    public async Task A_report_for_another_phone_of_the_batch_is_unknown()
    {
        await using var db = await WithOutboxRowAsync();
        var reports = new DeliveryReports(db.Connections, _time, NullLogger<DeliveryReports>.Instance);

        var outcome = await reports.ApplyAsync(Report("delivered", At) with { Phone = "+420602000000" }, CancellationToken.None);

        Assert.Equal(DeliveryReportOutcome.UnknownRecipient, outcome);
        Assert.Null(await StatusAsync(db));
    }
}
