using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Studenka.Umbraco.Site.IntegrationTests.Backoffice;

/// <summary>The Management API endpoints the backoffice client calls while it starts, with Umbraco's shapes.</summary>
public sealed class ManagementStartEndpointsTests
{
    private const string Api = "/umbraco/management/api/v1/";

    public static TheoryData<string> SignedInEndpoints =>
        ["server/information", "manifest/manifest/private", "manifest/manifest", "language", "tree/document/root", "user/current/configuration"];

    [Fact]
    public async Task Before_sign_in_the_client_learns_the_server_runs_and_how_it_signs_in()
    {
        using var site = new BackOfficeTestSite();
        var client = site.Client();

        using var status = JsonDocument.Parse(await client.GetStringAsync(Api + "server/status"));
        Assert.Equal("Run", status.RootElement.GetProperty("serverStatus").GetString());
        using var configuration = JsonDocument.Parse(await client.GetStringAsync(Api + "server/configuration"));
        Assert.True(configuration.RootElement.GetProperty("allowLocalLogin").GetBoolean());
        Assert.False(configuration.RootElement.GetProperty("allowPasswordReset").GetBoolean());
        // The Studénka package runs only after sign-in (no allowPublicAccess).
        Assert.Equal("[]", await client.GetStringAsync(Api + "manifest/manifest/public"));

        var logo = await client.GetAsync(Api + "security/back-office/graphics/logo");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_private_manifest_is_the_package_manifest_as_served()
    {
        using var site = new BackOfficeTestSite();
        var served = JsonNode.Parse(await site.Client().GetStringAsync("/App_Plugins/Studenka.Notifications/umbraco-package.json"));

        var response = await site.Client("backoffice").GetAsync(Api + "manifest/manifest/private");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var manifests = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(2, manifests.Count);
        var package = Assert.Single(manifests, m => m!["id"]!.GetValue<string>() == "Studenka.Umbraco.Notifications");
        Assert.True(JsonNode.DeepEquals(served, package), package?.ToJsonString());
        // The Site's own manifest adds only what an Umbraco site (no such file, no such API) never shows: the Operators
        // view (Umbraco has its Users section) and the content section with its pages (Umbraco has its Content section).
        var siteManifest = Assert.Single(manifests, m => m!["id"]!.GetValue<string>() == "Studenka.Umbraco.Site");
        Assert.Equal(
            [("sectionView", "Studenka.Notifications.SectionView.Operators"), ("section", "Studenka.Site.Section.Content"), ("sectionView", "Studenka.Site.SectionView.Pages")],
            siteManifest!["extensions"]!.AsArray().Select(e => (e!["type"]!.GetValue<string>(), e["alias"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_signed_in_client_gets_the_server_version_it_parses_and_empty_lists_where_the_Site_has_no_content()
    {
        using var site = new BackOfficeTestSite();
        var client = site.Client("backoffice");

        using var information = JsonDocument.Parse(await client.GetStringAsync(Api + "server/information"));
        Assert.Equal("17.1.0", information.RootElement.GetProperty("version").GetString());
        Assert.Matches(@"^\d\d:\d\d:\d\d$", information.RootElement.GetProperty("baseUtcOffset").GetString());
        foreach (var list in new[] { "language", "tree/document/root" })
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(Api + list));
            Assert.Equal(0, page.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(0, page.RootElement.GetProperty("items").GetArrayLength());
        }

        using var user = JsonDocument.Parse(await client.GetStringAsync(Api + "user/current/configuration"));
        Assert.False(user.RootElement.GetProperty("allowChangePassword").GetBoolean());
        Assert.True(user.RootElement.GetProperty("passwordConfiguration").GetProperty("minimumPasswordLength").GetInt32() > 0);
    }

    [Theory]
    [MemberData(nameof(SignedInEndpoints))]
    public async Task Signed_in_endpoints_refuse_the_anonymous_and_users_without_the_backoffice(string endpoint)
    {
        using var site = new BackOfficeTestSite();

        var anonymous = await site.Client().GetAsync(Api + endpoint);
        var other = await site.Client("other").GetAsync(Api + endpoint);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        foreach (var response in new[] { anonymous, other })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
