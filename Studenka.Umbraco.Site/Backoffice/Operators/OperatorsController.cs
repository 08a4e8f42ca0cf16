using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Site.Backoffice.Operators;

public sealed record OperatorView(string UserName, string DisplayName, string Role, string RoleName, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt)
{
    public static OperatorView Of(Operator o) => new(o.UserName, o.DisplayName, o.Role.ToString(), o.Role.CzechName(), o.Disabled, o.CreatedAt, o.LastLoginAt);
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateOperatorRequest(string? UserName, string? DisplayName, string? Role, string? Password);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OperatorRoleRequest(string? Role);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OperatorPasswordRequest(string? Password);

/// <summary>
/// The Site's operators for the backoffice's Operators view (Administrators only): the same
/// <see cref="OperatorAccounts"/> the command line uses, each change audited there. Disabling,
/// a new role and a new password end the operator's sessions at once. Unlike the command line, an
/// administrator here can neither disable or demote themselves nor the last enabled administrator:
/// nobody could undo it from the backoffice. Only the standalone Site has this API; under Umbraco
/// its Users section manages the backoffice users.
/// </summary>
[Route(RoutePrefix + "/operators")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class OperatorsController(OperatorAccounts accounts, OperatorRepository repository, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet]
    public async Task<IReadOnlyList<OperatorView>> List(CancellationToken cancellationToken) =>
        [.. (await repository.ListAsync(cancellationToken)).Select(OperatorView.Of)];

    [HttpPost]
    public async Task<IActionResult> Create(CreateOperatorRequest request, CancellationToken cancellationToken)
    {
        if (!OperatorRoles.TryParse(request.Role, out var role))
        {
            return Invalid(new Dictionary<string, string> { ["role"] = RoleMessage });
        }

        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await accounts.CreateAsync(request.UserName ?? "", request.DisplayName ?? "", role, request.Password ?? "", actor, cancellationToken);
        return result.Outcome switch
        {
            CreateOperatorOutcome.Created => Created($"/{RoutePrefix}/operators/{Uri.EscapeDataString(result.Operator!.UserName)}", OperatorView.Of(result.Operator)),
            CreateOperatorOutcome.DuplicateUserName => ConflictProblem(result.Error!),
            CreateOperatorOutcome.InvalidDisplayName => Invalid(new Dictionary<string, string> { ["displayName"] = result.Error! }),
            CreateOperatorOutcome.WeakPassword => Invalid(new Dictionary<string, string> { ["password"] = result.Error! }),
            _ => Invalid(new Dictionary<string, string> { ["userName"] = result.Error! }),
        };
    }

    [HttpPost("{userName}/disable")]
    public async Task<IActionResult> Disable(string userName, CancellationToken cancellationToken) =>
        await ChangeAsync(userName, selfRefusal: "Sami sebe zakázat nemůžete; požádejte jiného správce.",
            actor => accounts.DisableAsync(userName, actor, cancellationToken, keepAnAdministrator: true));

    [HttpPost("{userName}/enable")]
    public async Task<IActionResult> Enable(string userName, CancellationToken cancellationToken) =>
        await ChangeAsync(userName, selfRefusal: null, actor => accounts.EnableAsync(userName, actor, cancellationToken));

    [HttpPut("{userName}/role")]
    public async Task<IActionResult> SetRole(string userName, OperatorRoleRequest request, CancellationToken cancellationToken)
    {
        if (!OperatorRoles.TryParse(request.Role, out var role))
        {
            return Invalid(new Dictionary<string, string> { ["role"] = RoleMessage });
        }

        return await ChangeAsync(userName, selfRefusal: role == OperatorRole.Administrator ? null : "Svou vlastní roli změnit nemůžete; požádejte jiného správce.",
            actor => accounts.ChangeRoleAsync(userName, role, actor, cancellationToken, keepAnAdministrator: true));
    }

    [HttpPut("{userName}/password")]
    public async Task<IActionResult> ResetPassword(string userName, OperatorPasswordRequest request, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        if (await repository.FindAsync(userName, cancellationToken) is null)
        {
            return NotFoundProblem($"Operátor se jménem „{userName}“ neexistuje.");
        }

        var result = await accounts.ResetPasswordAsync(userName, request.Password ?? "", actor, cancellationToken);
        return result.Succeeded ? Ok(OperatorView.Of(result.Operator!)) : Invalid(new Dictionary<string, string> { ["password"] = result.Error! });
    }

    private const string RoleMessage = "Role je jedna z: Administrator (Správce), Editor (Redaktor), Dispatch (Dispečink).";

    private async Task<IActionResult> ChangeAsync(string userName, string? selfRefusal, Func<OperatorIdentity, Task<ChangeOperatorResult>> change)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        if (await repository.FindAsync(userName, HttpContext.RequestAborted) is not { } account)
        {
            return NotFoundProblem($"Operátor se jménem „{userName}“ neexistuje.");
        }

        if (selfRefusal is not null && string.Equals(account.UserName, actor.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return ConflictProblem(selfRefusal);
        }

        var result = await change(actor);
        return result.Succeeded ? Ok(OperatorView.Of(result.Operator!)) : ConflictProblem(result.Error!);
    }
}
