using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>A resident the town office signs up, as the public form has it (the consent is the resident's, given at the office).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AssistedSignUpRequest(string? Phone, string? Name, string? Email, IReadOnlyList<AddressInput>? Addresses, IReadOnlyList<int>? Packages, bool Consent)
{
    public SubscriptionInput ToInput() => new(Phone, Name, Email, Addresses ?? [], Packages ?? [], Consent);
}

/// <param name="Token">From the answer that sent the code.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AssistedConfirmRequest(string? Token, string? Code);

/// <param name="ConfirmPath">The public confirmation page of this attempt, for a resident who enters the code later themselves.</param>
public sealed record AssistedCodeSent(string Token, string Phone, string ConfirmPath);

public sealed record AssistedActive(long SubscriberId);

/// <summary>
/// Subscribers for administrators only (they alone may see residents' data): search, counts, CSV
/// export and deletion on request (both audited), and sign-up at the town office.
/// </summary>
[Route(RoutePrefix + "/subscribers")]
[Authorize(Policy = NotificationsPolicies.Administration)]
public sealed class SubscribersController(
    SubscriberDirectory directory, SubscriberAdministration administration, ManageSession session, SubscribersCsv csv, IOperatorContext operators) : ManagementApiControllerBase
{
    [HttpGet("")]
    public async Task<IActionResult> Search([FromQuery] string? q, [FromQuery] int skip = 0, [FromQuery] int take = 50, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (skip < 0)
        {
            errors["skip"] = "Počet přeskočených odběratelů nesmí být záporný.";
        }

        if (take is < 1 or > SubscriberDirectory.MaxTake)
        {
            errors["take"] = $"Na stránku lze načíst 1 až {SubscriberDirectory.MaxTake} odběratelů.";
        }

        if (q is { Length: > 100 })
        {
            errors["q"] = "Hledaný text může mít nejvýše 100 znaků.";
        }

        return errors.Count > 0 ? Invalid(errors) : Ok(await directory.SearchAsync(q, skip, take, cancellationToken));
    }

    [HttpGet("counts")]
    public Task<SubscriberCounts> Counts(CancellationToken cancellationToken) => directory.CountsAsync(cancellationToken);

    /// <summary>Every subscriber as CSV (UTF-8 with BOM and semicolons, so Excel opens Czech right); who downloaded it is audited.</summary>
    [HttpGet("export")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var export = await csv.ExportAsync(actor, cancellationToken);
        return File(export.Bytes, "text/csv; charset=utf-8", export.FileName);
    }

    [HttpDelete("{id:long}")]
    public async Task<IActionResult> Delete(long id, CancellationToken cancellationToken) =>
        operators.Current is not { } actor ? NobodySignedIn()
        : await administration.DeleteAsync(id, actor, cancellationToken) ? NoContent()
        : NotFoundProblem("Odběratel s tímto id neexistuje (možná už byl smazán).");

    /// <summary>The resident's code goes to their phone; the office types it (<see cref="Confirm"/>) or the resident enters it later on the web.</summary>
    [HttpPost("assisted/code")]
    public async Task<IActionResult> SendCode([FromBody] AssistedSignUpRequest request, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await administration.SendCodeAsync(request.ToInput(), actor, cancellationToken);
        if (result is { Outcome: AssistedOutcome.CodeSent, Attempt: { } attempt })
        {
            var token = session.SignUpToken(attempt);
            return Accepted(new AssistedCodeSent(token, PhoneNumberNormalizer.Display(attempt.Phone), "/sms/overeni?t=" + Uri.EscapeDataString(token)));
        }

        return Refused(result);
    }

    [HttpPost("assisted/confirm")]
    public async Task<IActionResult> Confirm([FromBody] AssistedConfirmRequest request, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        if (session.SignUpFromToken(request.Token) is not { } attempt)
        {
            return Invalid(new Dictionary<string, string> { ["token"] = "Přihláška nebyla nalezena. Pošlete kód znovu." });
        }

        var result = await administration.ConfirmAsync(attempt, request.Code, actor, cancellationToken);
        return result.Succeeded
            ? Ok(new AssistedActive(result.SubscriberId!.Value))
            : Invalid(new Dictionary<string, string> { ["code"] = ResidentControllerBase.CodeError(result.Check) }, "Kód nesouhlasí.");
    }

    /// <summary>The office keeps the resident's signed consent instead of a code: active at once, audited with who recorded it.</summary>
    [HttpPost("assisted/written-consent")]
    public async Task<IActionResult> WrittenConsent([FromBody] AssistedSignUpRequest request, CancellationToken cancellationToken)
    {
        if (operators.Current is not { } actor)
        {
            return NobodySignedIn();
        }

        var result = await administration.RecordWrittenConsentAsync(request.ToInput(), actor, cancellationToken);
        return result is { Outcome: AssistedOutcome.Active, SubscriberId: { } id }
            ? StatusCode(StatusCodes.Status201Created, new AssistedActive(id))
            : Refused(result);
    }

    private IActionResult Refused(AssistedResult result) => result.Outcome switch
    {
        AssistedOutcome.Invalid => Invalid(
            (result.Errors ?? []).GroupBy(e => JsonField(e.Field)).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal),
            "Přihláška obsahuje chyby."),
        AssistedOutcome.Throttled => TooMany(StatusCodes.Status429TooManyRequests, "Příliš mnoho SMS",
            "Na toto číslo (nebo dnes celkem) už odešlo příliš mnoho ověřovacích SMS. Zkuste to později, nebo zapište písemný souhlas."),
        _ => ConflictProblem("Toto číslo už zprávy města odebírá. Změny udělá obyvatel ve Správě odběru, nebo ho vyhledejte v seznamu."),
    };

    /// <summary>The form's field names ("Addresses[0].StreetId") as the JSON body names them ("addresses[0].streetId").</summary>
    private static string JsonField(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static ObjectResult TooMany(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status };
}
