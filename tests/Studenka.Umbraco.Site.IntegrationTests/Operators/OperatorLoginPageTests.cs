using System.Net;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

public sealed class OperatorLoginPageTests
{
    private const string LoginPage = "/sprava/prihlaseni";

    private static List<KeyValuePair<string, string>> Form(string userName, string password, string? returnUrl = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("userName", userName), new("password", password) };
        if (returnUrl is not null)
        {
            fields.Add(new("returnUrl", returnUrl));
        }

        return fields;
    }

    [Fact]
    public async Task The_admin_home_sends_an_anonymous_visitor_to_the_login_page_and_back_after_login()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync(OperatorRole.Editor, "redaktorka", displayName: "Eva Redaktorová");
        var browser = new ResidentClient(site);

        using var home = await browser.Http.GetAsync("/sprava");
        var loginUrl = home.Headers.Location!.OriginalString;
        using var login = await browser.PostAsync(LoginPage, Form(account.UserName, OperatorClient.TestPassword, "/sprava"), loginUrl);
        var page = await browser.PageTextAsync("/sprava");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        // Relative: the client's Host header never makes it into a redirect.
        Assert.StartsWith("/sprava/prihlaseni?returnUrl=%2Fsprava", loginUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/sprava", login.Headers.Location!.OriginalString);
        Assert.Contains("Přihlášený účet: Eva Redaktorová (redaktorka), role Redaktor.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OperatorRole.Administrator, "Správce")]
    [InlineData(OperatorRole.Editor, "Redaktor")]
    [InlineData(OperatorRole.Dispatch, "Dispečink")]
    public async Task The_admin_home_names_the_role_in_czech_and_does_not_assume_a_gender(OperatorRole role, string czech)
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync(role, displayName: "Městská policie");
        var browser = new ResidentClient(site);
        (await browser.PostAsync(LoginPage, Form(account.UserName, OperatorClient.TestPassword))).Dispose();

        var page = await browser.PageTextAsync("/sprava");

        Assert.Contains($"role {czech}.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(role.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Přihlášen jako", page, StringComparison.Ordinal);
        Assert.DoesNotContain("operátora", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        var browser = new ResidentClient(site);

        using var response = await browser.PostWithTokenAsync(LoginPage, Form(account.UserName, OperatorClient.TestPassword), token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/sprava")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_and_a_wrong_password_show_the_same_czech_message()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        var browser = new ResidentClient(site);

        using var unknown = await browser.PostAsync(LoginPage, Form("nikdo", OperatorClient.TestPassword));
        using var wrong = await browser.PostAsync(LoginPage, Form(account.UserName, "spatne-heslo-123"));

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Nesprávné jméno nebo heslo.", await ResidentClient.TextAsync(unknown), StringComparison.Ordinal);
        Assert.Contains("Nesprávné jméno nebo heslo.", await ResidentClient.TextAsync(wrong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_repeated_wrong_passwords_the_page_answers_as_for_a_wrong_password_and_never_says_locked()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        var browser = new ResidentClient(site);
        for (var i = 0; i < 5; i++)
        {
            (await browser.PostAsync(LoginPage, Form(account.UserName, "spatne-heslo-" + i))).Dispose();
        }

        using var wrong = await browser.PostAsync(LoginPage, Form("nikdo", "spatne-heslo-x"));
        using var delayed = await browser.PostAsync(LoginPage, Form(account.UserName, OperatorClient.TestPassword));
        var delayedText = await ResidentClient.TextAsync(delayed);

        Assert.Equal(HttpStatusCode.Unauthorized, delayed.StatusCode);
        Assert.Equal(MessageOf(await ResidentClient.TextAsync(wrong)), MessageOf(delayedText));
        Assert.Contains("chvíli počkat", delayedText, StringComparison.Ordinal);
        Assert.DoesNotContain("zamčen", delayedText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/sprava")).StatusCode);
    }

    /// <summary>The error box's text, without the name the form echoes back.</summary>
    private static string MessageOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "Přihlášení se nezdařilo\\s*(.*?)\\s*Přihlašovací jméno", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

    [Theory]
    [InlineData("https://evil.example/sprava", "/sprava")]
    [InlineData("//evil.example/sprava", "/sprava")]
    [InlineData("/\\evil.example", "/sprava")]
    [InlineData("/sprava?zalozka=kampane", "/sprava?zalozka=kampane")]
    public async Task After_login_only_a_local_return_url_is_followed(string returnUrl, string expected)
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        var browser = new ResidentClient(site);

        using var response = await browser.PostAsync(LoginPage, Form(account.UserName, OperatorClient.TestPassword, returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logging_out_from_the_page_ends_the_session()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        var browser = new ResidentClient(site);
        (await browser.PostAsync(LoginPage, Form(account.UserName, OperatorClient.TestPassword))).Dispose();

        using var logout = await browser.PostAsync("/sprava/odhlaseni", [], "/sprava");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/sprava")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync("/umbraco/sms/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_login_form_posted_from_another_site_is_refused()
    {
        using var site = new StudenkaSiteFactory();
        var account = await site.CreateOperatorAsync();
        var browser = new ResidentClient(site);
        var token = await browser.TokenFromAsync(LoginPage);
        using var request = new HttpRequestMessage(HttpMethod.Post, LoginPage)
        {
            Content = new FormUrlEncodedContent(Form(account.UserName, OperatorClient.TestPassword).Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/sprava")).StatusCode);
    }
}
