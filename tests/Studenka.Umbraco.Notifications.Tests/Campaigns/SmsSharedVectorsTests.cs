using System.Text.Json;
using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

/// <summary>
/// The compose view counts segments in the browser with a TypeScript port of <see cref="SmsSegments"/>;
/// both suites read the same vectors (Client/test/sms-vectors.json), so the counter an operator sees
/// and the count the server bills cannot drift apart unnoticed.
/// </summary>
public sealed class SmsSharedVectorsTests
{
    private static readonly Lazy<JsonDocument> Vectors = new(() => JsonDocument.Parse(File.ReadAllText(VectorsPath())));

    public static TheoryData<string> CountNames() => Names("count");

    public static TheoryData<string> TransliterateNames() => Names("transliterate");

    [Theory]
    [MemberData(nameof(CountNames))]
    public void The_server_counts_each_shared_vector_as_the_client_does(string name)
    {
        var vector = Find("count", name);
        var expected = new SegmentCount(
            vector.GetProperty("encoding").GetString() == "gsm7" ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2,
            vector.GetProperty("characters").GetInt32(),
            vector.GetProperty("units").GetInt32(),
            vector.GetProperty("segments").GetInt32());

        Assert.Equal(expected, SmsSegments.Count(TextOf(vector)));
    }

    [Theory]
    [MemberData(nameof(TransliterateNames))]
    public void The_server_transliterates_each_shared_vector_as_the_client_does(string name)
    {
        var vector = Find("transliterate", name);

        Assert.Equal(vector.GetProperty("expected").GetString(), SmsSegments.Transliterate(TextOf(vector)));
    }

    private static TheoryData<string> Names(string group)
    {
        var data = new TheoryData<string>();
        foreach (var vector in Vectors.Value.RootElement.GetProperty(group).EnumerateArray())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }

        return data;
    }

    private static JsonElement Find(string group, string name) =>
        Vectors.Value.RootElement.GetProperty(group).EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static string TextOf(JsonElement vector) =>
        vector.TryGetProperty("text", out var text)
            ? text.GetString()!
            : string.Concat(vector.GetProperty("parts").EnumerateArray().Select(p => string.Concat(Enumerable.Repeat(p[0].GetString()!, p[1].GetInt32()))));

    private static string VectorsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "Studenka.Umbraco.Notifications", "Client", "test", "sms-vectors.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"Client/test/sms-vectors.json not found above {AppContext.BaseDirectory}.");
    }
}
