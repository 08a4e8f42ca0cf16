using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Reminders;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>Recurring announcements (<see cref="RecurringAnnouncements"/>): Administrators only; every change audited.</summary>
[Route(RoutePrefix + "/recurring")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class RecurringController(RecurringAnnouncements recurring, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<RecurringAnnouncement>>(StatusCodes.Status200OK)]
    public Task<IReadOnlyList<RecurringAnnouncement>> List(CancellationToken cancellationToken) => recurring.ListAsync(cancellationToken);

    [HttpPost]
    [ProducesResponseType<RecurringAnnouncement>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(RecurringInput input, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await recurring.CreateAsync(input, actor, cancellationToken);
        return result.Announcement is { } created
            ? Created($"/{RoutePrefix}/recurring/{created.Id}", created)
            : Invalid(result.Errors, "Opakovaná zpráva nebyla uložena: opravte chyby.");
    }

    [HttpPut("{id:long}")]
    [ProducesResponseType<RecurringAnnouncement>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Update(long id, RecurringInput input, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await recurring.UpdateAsync(id, input, actor, cancellationToken);
        return result switch
        {
            { Announcement: { } updated } => Ok(updated),
            { NotFound: true } => NotFoundProblem($"Opakovaná zpráva {id} neexistuje."),
            _ => Invalid(result.Errors, "Opakovaná zpráva nebyla uložena: opravte chyby."),
        };
    }

    [HttpDelete("{id:long}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(long id, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        return await recurring.DeleteAsync(id, actor, cancellationToken) ? NoContent() : NotFoundProblem($"Opakovaná zpráva {id} neexistuje.");
    }
}
