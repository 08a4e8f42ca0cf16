using Studenka.Umbraco.Notifications.Web;

namespace Studenka.Umbraco.Notifications.Tests.Web;

public sealed class RetryTimeTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(10, 0, 30, 30, "za 30 s")]
    [InlineData(10, 1, 0, 60, "v 10:01 (za 1 minutu)")]
    [InlineData(10, 0, 30, 90, "v 10:01 (za 2 minuty)")]
    [InlineData(10, 15, 0, 900, "v 10:15 (za 15 minut)")]
    [InlineData(13, 0, 0, 3 * 3600, "v 13:00")]
    public void Says_the_time_in_Czech_rounded_up_so_it_is_never_too_early(int hour, int minute, int second, int seconds, string expected) =>
        Assert.Equal(expected, RetryTime.Czech(new DateTimeOffset(2026, 11, 27, hour, minute, second, Winter), seconds));

    [Fact]
    public void A_block_ending_tomorrow_says_tomorrow()
    {
        var midnight = new DateTimeOffset(2026, 11, 28, 0, 0, 0, Winter);

        Assert.Equal("zítra v 0:00", RetryTime.Czech(midnight, 14 * 3600));
    }

    [Fact]
    public void A_block_ending_later_says_the_date()
    {
        var later = new DateTimeOffset(2026, 11, 29, 9, 5, 0, Winter);

        Assert.Equal("29. 11. v 9:05", RetryTime.Czech(later, (int)TimeSpan.FromHours(48).TotalSeconds));
    }
}
