using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studenka.Umbraco.Notifications.Scheduling;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class SendTimeTests
{
    private static readonly TownCalendar Prague = new(Options.Create(new SubscriptionOptions()), new FakeTimeProvider());

    [Theory]
    // Winter (CET, +01:00) and summer (CEST, +02:00) wall times.
    [InlineData("2026-12-01T08:00:00", "2026-12-01T07:00:00Z")]
    [InlineData("2026-12-01T08:00", "2026-12-01T07:00:00Z")]
    [InlineData("2027-07-01T08:00:00.5", "2027-07-01T06:00:00.5Z")]
    // Spring switch 2027-03-28: 01:59 is still winter, 03:00 already summer.
    [InlineData("2027-03-28T01:59:00", "2027-03-28T00:59:00Z")]
    [InlineData("2027-03-28T03:00:00", "2027-03-28T01:00:00Z")]
    // Autumn switch 2027-10-31: 02:30 happens at 00:30 and 01:30 UTC; the first is taken.
    [InlineData("2027-10-31T02:30:00", "2027-10-31T00:30:00Z")]
    [InlineData("2027-10-31T03:00:00", "2027-10-31T02:00:00Z")]
    // An offset or Z decides by itself.
    [InlineData("2026-12-01T08:00:00Z", "2026-12-01T08:00:00Z")]
    [InlineData("2026-12-01T08:00:00+02:00", "2026-12-01T06:00:00Z")]
    [InlineData(" 2026-12-01T08:00:00-05:00 ", "2026-12-01T13:00:00Z")]
    public void A_time_without_an_offset_is_the_towns_wall_clock(string typed, string expectedUtc)
    {
        var (instant, error) = SendTime.Parse(typed, Prague);

        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("2027-03-28T02:00:00", "2:00")]
    [InlineData("2027-03-28T02:30", "2:30")]
    [InlineData("2027-03-28T02:59:59", "2:59")]
    public void A_wall_time_the_spring_switch_skips_is_refused_in_Czech(string typed, string shown)
    {
        var (instant, error) = SendTime.Parse(typed, Prague);

        Assert.Null(instant);
        Assert.Contains($"Čas {shown} dne 28. 3. 2027 v místním čase neexistuje", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zítra v 8")]
    [InlineData("1. 12. 2026 8:00")]
    [InlineData("12/01/2026 08:00")]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-01 08:00")]
    [InlineData("2026-13-01T08:00")]
    [InlineData("2026-12-01T25:00")]
    [InlineData("2026-12-01T08:00+1")]
    public void Anything_but_ISO_8601_date_and_time_is_refused_with_an_example(string typed)
    {
        var (instant, error) = SendTime.Parse(typed, Prague);

        Assert.Null(instant);
        Assert.Equal(SendTime.FormatMessage, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_time_means_now(string? typed) => Assert.Equal((null, null), SendTime.Parse(typed, Prague));

    [Fact]
    public void The_calendars_ends_are_read_as_far_past_and_far_future_instead_of_throwing()
    {
        Assert.Equal(DateTimeOffset.MaxValue, SendTime.Parse("9999-12-31T23:59:59", Prague).Instant);
        Assert.Equal(DateTimeOffset.MinValue, SendTime.Parse("0001-01-01T00:00:00", Prague).Instant);
    }
}
