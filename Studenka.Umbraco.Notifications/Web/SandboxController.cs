using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Gateway;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// What the sandbox gateway "sent". Exists only while no real SMS provider is configured, so a
/// newcomer can read the verification code; with MessageBird configured it answers 404.
/// </summary>
[Route("sms/sandbox")]
[AllowAnonymous]
public sealed class SandboxController(ISmsGateway gateway, SandboxSmsGateway sandbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (!gateway.IsSandbox)
        {
            return NotFound();
        }

        return View("~/Views/StudenkaSms/Sandbox.cshtml", await sandbox.RecentAsync(50, null, cancellationToken));
    }
}
