using System.Globalization;
using System.Text;
using Dapper;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// Consecutive calendar months of the town (Europe/Prague) as unix-ms boundaries, and the SQL that puts
/// a time column into its month: one CASE over parameters, the same text on every engine, so a
/// statistic reads its table once instead of once per month. Month <c>i</c> is
/// [<c>Boundaries[i]</c>, <c>Boundaries[i + 1]</c>).
/// </summary>
public sealed record MonthRange(IReadOnlyList<string> Months, IReadOnlyList<long> Boundaries)
{
    /// <summary>The months <paramref name="first"/> to <paramref name="last"/> (inclusive); <paramref name="localToInstant"/> maps a town wall time to its instant.</summary>
    public static MonthRange Create(DateOnly first, DateOnly last, Func<DateTime, DateTimeOffset> localToInstant)
    {
        var months = new List<string>();
        var boundaries = new List<long>();
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            months.Add(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            boundaries.Add(localToInstant(month.ToDateTime(TimeOnly.MinValue)).ToUnixTimeMilliseconds());
        }

        var end = new DateOnly(last.Year, last.Month, 1).AddMonths(1);
        boundaries.Add(localToInstant(end.ToDateTime(TimeOnly.MinValue)).ToUnixTimeMilliseconds());
        return new(months, boundaries);
    }

    public long StartMs => Boundaries[0];

    public long EndMs => Boundaries[^1];

    /// <summary>
    /// The month index (0 … Months.Count - 1) of <paramref name="column"/>, <c>-1</c> before the range and
    /// <c>Months.Count</c> after it. Parameters <c>@month_b0</c> … come from <see cref="AddParameters"/>.
    /// </summary>
    public string BucketSql(string column)
    {
        var sql = new StringBuilder("CASE");
        for (var i = 0; i < Boundaries.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {column} < @month_b{i} THEN {i - 1}");
        }

        return sql.Append(CultureInfo.InvariantCulture, $" ELSE {Months.Count} END").ToString();
    }

    public DynamicParameters AddParameters(DynamicParameters parameters)
    {
        for (var i = 0; i < Boundaries.Count; i++)
        {
            parameters.Add($"month_b{i}", Boundaries[i]);
        }

        return parameters;
    }
}
