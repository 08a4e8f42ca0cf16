using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// What the sandbox gateway "sent", so a newcomer can read the verification code. It publishes
/// every code: see <see cref="SandboxAccess"/> for who may see it; with MessageBird configured it answers 404.
/// </summary>
[Route("sms/sandbox")]
[AllowAnonymous]
[SandboxAccess]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SandboxController(SandboxSmsGateway sandbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Views/StudenkaSms/Sandbox.cshtml", await sandbox.RecentAsync(50, null, cancellationToken));
}
