using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Notifications.Delivery;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Email;

/// <summary>Without an SMTP server the sandbox keeps every e-mail, and the sandbox page shows it beside the SMS.</summary>
public sealed class SandboxEmailTests
{
    [Fact]
    public async Task The_sandbox_page_shows_a_kept_email_with_its_link_clickable_and_its_text_escaped()
    {
        using var site = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Web:PublicBaseUrl"] = "https://www.studenka.cz" });
        var resident = new ResidentClient(site);
        await site.Services.GetRequiredService<OutboxOperations>().EnqueueServiceAsync(new ServiceMessage(
            "jana@example.cz", "Potvrďte svůj e-mail\n\nOtevřete <b>tento</b> odkaz: https://www.studenka.cz/sms/email/overit?t=abc-1", OutboxChannel.Email), CancellationToken.None);
        site.DrainOutbox();

        var page = await resident.PageTextAsync("/sms/sandbox");
        var html = await resident.Http.GetStringAsync("/sms/sandbox");

        Assert.Contains("Potvrďte svůj e-mail", page, StringComparison.Ordinal);
        Assert.Contains("jana@example.cz", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://www.studenka.cz/sms/email/overit?t=abc-1\">https://www.studenka.cz/sms/email/overit?t=abc-1</a>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;tento&lt;/b&gt; odkaz", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>tento</b>", html, StringComparison.Ordinal);
    }
}
