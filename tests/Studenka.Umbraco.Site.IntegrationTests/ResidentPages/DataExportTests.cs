using System.Net;
using System.Text;
using System.Text.Json;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.ResidentPages;

/// <summary>"Stáhnout moje údaje": a page a resident can read, and the same data as a UTF-8 JSON file.</summary>
public sealed class DataExportTests : IDisposable
{
    private const string Name = "Žluťoučký Kůň";
    private readonly StudenkaSiteFactory _site = new();
    private readonly ResidentClient _resident;

    public DataExportTests() => _resident = new ResidentClient(_site);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task The_data_page_shows_every_stored_detail_in_Czech_with_Prague_summer_times()
    {
        await SignUpInSummerAsync();
        await _resident.OpenManageAsync();

        var response = await _resident.Http.GetAsync("/sms/sprava/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        // Real letters in the source, not &#x17D; entities or \u escapes.
        Assert.Contains(Name, html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("+420 603 123 456", text, StringComparison.Ordinal);
        Assert.Contains("jana@example.cz", text, StringComparison.Ordinal);
        Assert.Contains("Malá strana 216, Butovice", text, StringComparison.Ordinal);
        Assert.Contains("1. Krizové zprávy", text, StringComparison.Ordinal);
        Assert.Contains("4. Kultura, sport, společnost", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2. Provozní informace", text, StringComparison.Ordinal);
        Assert.Contains("aktivní", text, StringComparison.Ordinal);
        Assert.Contains("2026-11", text, StringComparison.Ordinal);
        // 09:00 UTC is 11:00 in Prague in June (CEST), 09:03 when the code was entered.
        Assert.Contains("15. 6. 2027 11:00", text, StringComparison.Ordinal);
        Assert.Contains("15. 6. 2027 11:03", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9:00", text, StringComparison.Ordinal);
        Assert.Contains("href=\"/sms/sprava/data.json\"", html, StringComparison.Ordinal);
        Assert.Contains("Stáhnout jako JSON", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_download_is_an_attachment_in_UTF8_with_real_Czech_letters()
    {
        await SignUpInSummerAsync();
        await _resident.OpenManageAsync();

        var response = await _resident.Http.GetAsync("/sms/sprava/data.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("moje-udaje-sms.json", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes(Name)), "the name must be in the file as UTF-8 letters");
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes("Krizové zprávy")), "package names must be in the file as UTF-8 letters");
        Assert.DoesNotContain("\\u", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("+420603123456", root.GetProperty("telefon").GetString());
        Assert.Equal(Name, root.GetProperty("jmeno").GetString());
        Assert.Equal("jana@example.cz", root.GetProperty("email").GetString());
        Assert.Equal("Malá strana", root.GetProperty("adresy")[0].GetProperty("ulice").GetString());
        Assert.Equal("Krizové zprávy", root.GetProperty("balicky")[0].GetProperty("nazev").GetString());
        Assert.Equal("2026-11", root.GetProperty("souhlas").GetProperty("verzeTextu").GetString());
        // Times with the town's offset, so the file reads like the page.
        Assert.Equal("2027-06-15T11:00:00+02:00", root.GetProperty("souhlas").GetProperty("udelen").GetString());
        Assert.Equal("2027-06-15T11:03:00+02:00", root.GetProperty("overeno").GetString());
    }

    [Theory]
    [InlineData("/sms/sprava/data")]
    [InlineData("/sms/sprava/data.json")]
    public async Task Without_a_manage_session_neither_the_page_nor_the_file_shows_anything(string path)
    {
        await _resident.SignUpAndConfirmAsync();
        var stranger = new ResidentClient(_site);

        var response = await stranger.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var text = await ResidentClient.TextAsync(response);
        Assert.Contains("Přihlášení vypršelo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("603 123 456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("+420603123456", text, StringComparison.Ordinal);
    }

    /// <summary>Signs up on a June morning (09:00 UTC) and enters the code three minutes later.</summary>
    private async Task SignUpInSummerAsync()
    {
        _site.Time.SetUtcNow(new DateTimeOffset(2027, 6, 15, 9, 0, 0, TimeSpan.Zero));
        var form = ResidentClient.SignUpForm(site: _site)
            .Select(f => f.Key == "Name" ? new KeyValuePair<string, string>("Name", Name) : f)
            .ToList();
        var signUp = await _resident.PostAsync("/sms/prihlaska", form, "/sms");
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        _site.Time.Advance(TimeSpan.FromMinutes(3));
        var confirmed = await _resident.PostAsync(
            "/sms/overeni",
            [new("t", ResidentClient.TokenParameter(signUp)), new("code", _resident.LatestCode("+420603123456"))],
            signUp.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
