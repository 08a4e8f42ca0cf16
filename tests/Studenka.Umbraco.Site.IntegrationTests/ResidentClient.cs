using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

/// <summary>
/// A resident's browser reduced to HTTP: it keeps cookies, reads antiforgery tokens from the page
/// it was served, and reads "received" SMS from the sandbox gateway's table.
/// </summary>
/// <param name="http">A client of the site to use instead of a new one (e.g. one on https).</param>
public sealed partial class ResidentClient(StudenkaSiteFactory site, HttpClient? http = null)
{
    public HttpClient Http { get; } = http ?? site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<string> TokenFromAsync(string path)
    {
        var html = await Http.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    /// <summary>Posts like a browser would: the form's fields plus the token of the page the form came from.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await TokenFromAsync(formPage ?? path);
        return await PostWithTokenAsync(path, fields, token);
    }

    public Task<HttpResponseMessage> PostWithTokenAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? token) =>
        Http.PostAsync(path, new FormUrlEncodedContent(token is null ? fields : fields.Append(new("__RequestVerificationToken", token))));

    public static List<KeyValuePair<string, string>> SignUpForm(
        string phone = "603 123 456",
        string part = "Butovice",
        string? street = "Malá strana",
        string? house = "216",
        int[]? packages = null,
        bool consent = true,
        StudenkaSiteFactory? site = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Phone", phone),
            new("Name", "Jana Nováková"),
            new("Email", "jana@example.cz"),
            new("Addresses[0].PartId", PartId(site, part).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (street is not null)
        {
            fields.Add(new("Addresses[0].StreetId", StreetId(site, part, street).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (house is not null)
        {
            fields.Add(new("Addresses[0].HouseNumber", house));
        }

        fields.AddRange((packages ?? [1, 4]).Select(p => new KeyValuePair<string, string>("Packages", p.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (consent)
        {
            fields.Add(new("Consent", "true"));
        }

        fields.Add(new("Website", string.Empty));
        return fields;
    }

    public static long PartId(StudenkaSiteFactory site, string part)
    {
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT id FROM city_parts WHERE name = @part", new { part });
    }

    public static long StreetId(StudenkaSiteFactory site, string part, string street)
    {
        using var db = site.OpenDatabase();
        return db.ExecuteScalar<long>(
            "SELECT s.id FROM streets s JOIN city_parts p ON p.id = s.city_part_id WHERE p.name = @part AND s.name = @street",
            new { part, street });
    }

    /// <summary>The six digits in the newest SMS the sandbox "sent" to this number.</summary>
    public string LatestCode(string e164)
    {
        site.DrainOutbox();
        using var db = site.OpenDatabase();
        var body = db.ExecuteScalar<string?>("SELECT body FROM sandbox_sms WHERE recipient = @e164 ORDER BY id DESC LIMIT 1", new { e164 })
            ?? throw new InvalidOperationException("No SMS was sent to " + e164);
        return CodePattern().Match(body).Groups[1].Value;
    }

    /// <summary>The page as a person reads it (entities decoded).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public async Task<string> PageTextAsync(string path) => WebUtility.HtmlDecode(await Http.GetStringAsync(path));

    public static string TokenParameter(HttpResponseMessage redirect) =>
        Regex.Match(redirect.Headers.Location!.OriginalString, "[?&]t=([^&]+)").Groups[1].Value is { Length: > 0 } t
            ? Uri.UnescapeDataString(t)
            : throw new InvalidOperationException("Redirect without a token: " + redirect.Headers.Location);

    /// <summary>Signs up and confirms: the common start of many scenarios. <paramref name="form"/> defaults to <see cref="SignUpForm"/> for <paramref name="phone"/>.</summary>
    public async Task<string> SignUpAndConfirmAsync(string phone = "603 123 456", string e164 = "+420603123456", IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var response = await PostAsync("/sms/prihlaska", form ?? SignUpForm(phone: phone, site: site), "/sms");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var t = TokenParameter(response);
        var confirm = await PostAsync("/sms/overeni", [new("t", t), new("code", LatestCode(e164))], response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        return t;
    }

    /// <summary>Phone → code → the manage page, with the session cookie set. Returns the cookie's value (what a thief could copy).</summary>
    public async Task<string> OpenManageAsync(string phone = "603 123 456", string e164 = "+420603123456")
    {
        // The resident comes back later: the session the sign-up opened (30 minutes) has ended.
        site.Time.Advance(TimeSpan.FromMinutes(31));
        var start = await PostAsync("/sms/sprava", [new("phone", phone)]);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var codePage = start.Headers.Location!.OriginalString;
        var verified = await PostAsync("/sms/sprava/overeni", [new("t", TokenParameter(start)), new("code", LatestCode(e164))], codePage);
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.EndsWith("/sms/sprava/odber", verified.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return ManageCookie(verified);
    }

    /// <summary>The manage session cookie a response sets.</summary>
    public static string ManageCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Select(c => ManageCookiePattern().Match(c)).FirstOrDefault(m => m.Success) is { } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The response set no manage cookie.");

    /// <summary>A browser that has nothing but a copy of someone's manage cookie.</summary>
    public static HttpClient WithCopiedCookie(StudenkaSiteFactory site, string cookie)
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", "studenka-sms-sprava=" + cookie);
        return client;
    }

    /// <summary>Posts the form with the page's token and extra headers (e.g. the Origin a browser adds).</summary>
    public async Task<HttpResponseMessage> PostWithHeadersAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string formPage, IDictionary<string, string> headers)
    {
        var token = await TokenFromAsync(formPage);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Http.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^studenka-sms-sprava=([^;]+)")]
    private static partial Regex ManageCookiePattern();

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex CodePattern();
}
