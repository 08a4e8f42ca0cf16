using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web.Management;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MapStreetRequest(long? StreetId);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MapUnlistedStreetRequest(long? CityPartId, string? Name, long? StreetId);

/// <summary>
/// For administrators after a RÚIAN import: what still needs mapping, house numbers the register does
/// not know (counts per address, never who), and mapping onto a register street (audited).
/// </summary>
[Route(RoutePrefix + "/areas")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class AddressMappingController(AddressReview review, AddressMapping mapping, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet("needs-mapping")]
    public Task<AddressesNeedingMapping> NeedsMapping(CancellationToken cancellationToken) => review.NeedingMappingAsync(cancellationToken);

    [HttpGet("house-number-mismatches")]
    public Task<IReadOnlyList<HouseNumberMismatch>> HouseNumberMismatches(CancellationToken cancellationToken) => review.HouseNumberMismatchesAsync(cancellationToken);

    [HttpPost("streets/{id:long}/mapping")]
    public async Task<IActionResult> MapStreet(long id, [FromBody] MapStreetRequest request, CancellationToken cancellationToken) =>
        operators.Current is { } actor
            ? Answer(await mapping.MapStreetAsync(id, request.StreetId, actor, cancellationToken))
            : NobodySignedIn();

    [HttpPost("unlisted-streets/mapping")]
    public async Task<IActionResult> MapUnlisted([FromBody] MapUnlistedStreetRequest request, CancellationToken cancellationToken) =>
        operators.Current is { } actor
            ? Answer(await mapping.MapUnlistedAsync(request.CityPartId, request.Name, request.StreetId, actor, cancellationToken))
            : NobodySignedIn();

    private IActionResult Answer(MappingResult result) => result.Outcome switch
    {
        MappingOutcome.Done => Ok(result.Moved),
        MappingOutcome.Invalid => Invalid(result.Errors!, "Přiřazení obsahuje chyby."),
        MappingOutcome.Refused => ConflictProblem(result.Reason!),
        _ => NotFoundProblem(result.Reason!),
    };
}
