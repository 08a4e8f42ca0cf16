using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Email;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// What the sandbox gateway and the sandbox e-mail sender "sent", so a newcomer can read the
/// verification code and open the e-mail verification link. It publishes
/// every code: see <see cref="SandboxAccess"/> for who may see it; with MessageBird configured it answers 404.
/// </summary>
[Route("sms/sandbox")]
[AllowAnonymous]
[SandboxAccess]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SandboxController(SandboxSmsGateway sandbox, SandboxEmailSender emails) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/StudenkaSms/Sandbox.cshtml", new SandboxPage(
            await sandbox.RecentAsync(50, null, cancellationToken), await emails.RecentAsync(50, null, cancellationToken)));
}

/// <summary>The sandbox page: kept SMS and kept e-mails, newest first.</summary>
public sealed record SandboxPage(IReadOnlyList<SandboxSms> Sms, IReadOnlyList<SandboxEmail> Emails);
