using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Settings;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <param name="Packages">The packages this operator may send (compose offers only these).</param>
/// <param name="SeesRecipients">May open a campaign's per-recipient list (Editors see counts only).</param>
/// <param name="SeesStatistics">May open the statistics (Administrators and Editors).</param>
public sealed record MeView(
    string UserName, string DisplayName, string Role, string RoleName, IReadOnlyList<int> Packages,
    bool SeesPersonalData, bool MayExport, bool Administration, bool SeesRecipients, bool SeesStatistics = false);

/// <summary>
/// What the backoffice UI asks about the signed-in operator: the permissions of <see cref="OperatorPermissions"/>
/// (so it hides exactly what the API refuses) and the prefilled texts this operator may send.
/// </summary>
[Route(RoutePrefix)]
public sealed class OperatorController(IOperatorContext operators, RuntimeSettings settings) : ManagementApiControllerBase
{
    [HttpGet("me")]
    public IActionResult Me()
    {
        if (operators.Current is not { Role: { } role } actor)
        {
            return NobodySignedIn();
        }

        var p = actor.Permissions;
        return Ok(new MeView(actor.UserName ?? actor.Id, actor.DisplayName, role.ToString(), role.CzechName(), p.Packages,
            p.SeesPersonalData, p.MayExport, p.Administration, p.SeesRecipients, p.SeesStatistics));
    }

    /// <summary>Only templates of packages this operator may send: an Editor gets no crisis templates. The Settings' templates, else the configured ones.</summary>
    [HttpGet("templates")]
    public async Task<IActionResult> Templates(CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return Ok((await settings.CurrentAsync(cancellationToken)).Templates
            .Where(t => actor.Permissions.MaySend(t.Package))
            .OrderBy(t => t.Package).ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList());
    }
}
