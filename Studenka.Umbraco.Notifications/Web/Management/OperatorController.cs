using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Settings;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <param name="Packages">The packages this operator may send (compose offers only these).</param>
/// <param name="SeesRecipients">May open a campaign's per-recipient list (Editors see counts only).</param>
/// <param name="SeesStatistics">May open the statistics (Administrators and Editors).</param>
/// <param name="Senders">
/// The senders (originators) compose offers, the configured default first: the default and the role's
/// list from Settings; a role without a list may use any valid sender, and is offered every one that
/// Settings name for some role (so an administrator can send as the town police does).
/// </param>
public sealed record MeView(
    string UserName, string DisplayName, string Role, string RoleName, IReadOnlyList<int> Packages,
    bool SeesPersonalData, bool MayExport, bool Administration, bool SeesRecipients, bool SeesStatistics, IReadOnlyList<string> Senders);

/// <summary>
/// What the backoffice UI asks about the signed-in operator: the permissions of <see cref="OperatorPermissions"/>
/// (so it hides exactly what the API refuses) and the prefilled texts this operator may send.
/// </summary>
[Route(RoutePrefix)]
public sealed class OperatorController(IOperatorContext operators, RuntimeSettings settings, IOptions<SmsOptions> sms) : ManagementApiControllerBase
{
    [HttpGet("me")]
    public async Task<IActionResult> Me(CancellationToken cancellationToken)
    {
        if (operators.Current is not { Role: { } role } actor)
        {
            return NobodySignedIn();
        }

        var p = actor.Permissions;
        var originators = (await settings.CurrentAsync(cancellationToken)).Originators;
        var allowed = originators.For(role)
            ?? [.. Enum.GetValues<OperatorRole>().SelectMany(r => originators.For(r) ?? [])];
        IReadOnlyList<string> senders = [.. allowed.Prepend(sms.Value.Originator).Distinct(StringComparer.Ordinal)];
        return Ok(new MeView(actor.UserName ?? actor.Id, actor.DisplayName, role.ToString(), role.CzechName(), p.Packages,
            p.SeesPersonalData, p.MayExport, p.Administration, p.SeesRecipients, p.SeesStatistics, senders));
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
