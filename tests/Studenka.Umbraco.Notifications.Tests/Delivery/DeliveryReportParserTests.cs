using Studenka.Umbraco.Notifications.Delivery;

namespace Studenka.Umbraco.Notifications.Tests.Delivery;

public sealed class DeliveryReportParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static DeliveryReportParse Parse(params (string Key, string Value)[] fields)
    {
        var values = new Dictionary<string, string>
        {
            ["id"] = "e8077d80",
            ["reference"] = "b-1",
            ["recipient"] = "420601123456",
            ["status"] = "delivered",
        };
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        return DeliveryReportParser.Parse(k => values.GetValueOrDefault(k), Now);
    }

    [Fact]
    public void A_report_names_the_batch_the_recipient_in_e164_and_the_status()
    {
        var report = Parse(("statusDatetime", "2016-05-03T08:58:10+00:00"), ("statusErrorCode", "104")).Report!;

        Assert.Equal(new DeliveryReport("e8077d80", "b-1", "+420601123456", "delivered", new DateTimeOffset(2016, 5, 3, 8, 58, 10, TimeSpan.Zero), 104), report);
        Assert.True(report.IsFinal);
    }

    [Theory]
    [InlineData("2016-05-03T10:58:10+02:00")]
    [InlineData("2016-05-03T10:58:10 02:00")]
    [InlineData("2016-05-03T08:58:10Z")]
    [InlineData("2016-05-03T08:58:10.000Z")]
    public void The_status_time_is_read_leniently_including_a_plus_decoded_to_a_space(string value) =>
        Assert.Equal(new DateTimeOffset(2016, 5, 3, 8, 58, 10, TimeSpan.Zero), Parse(("statusDatetime", value)).Report!.StatusAt);

    [Fact]
    public void A_missing_status_time_means_now() => Assert.Equal(Now, Parse().Report!.StatusAt);

    [Theory]
    [InlineData("statusDatetime", "yesterday")]
    [InlineData("statusDatetime", "2016-05-03")]
    [InlineData("recipient", "")]
    [InlineData("recipient", "0601123456")]
    [InlineData("recipient", "42060112345612345")]
    [InlineData("status", "teleported")]
    [InlineData("status", "")]
    [InlineData("reference", " ")]
    [InlineData("statusErrorCode", "x")]
    public void A_malformed_parameter_is_refused_with_a_reason(string key, string value)
    {
        var parse = Parse((key, value));

        Assert.Null(parse.Report);
        Assert.False(string.IsNullOrEmpty(parse.Error));
    }

    [Theory]
    [InlineData("sent", false)]
    [InlineData("buffered", false)]
    [InlineData("expired", true)]
    [InlineData("delivery_failed", true)]
    public void Only_delivered_expired_and_failed_are_final(string status, bool final) =>
        Assert.Equal(final, Parse(("status", status)).Report!.IsFinal);
}
