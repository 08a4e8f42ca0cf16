using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Czech problem details for the management API's errors that no controller answered (unknown
/// path, wrong method, body too large, a failure): a script always gets JSON it can show.
/// </summary>
public static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static bool IsApiPath(PathString path) => path.StartsWithSegments(ManagementApiControllerBase.ApiRoot, StringComparison.OrdinalIgnoreCase);

    public static ProblemDetails For(int status, string? method = null)
    {
        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest => ("Požadavek nelze přečíst.", "Tělo požadavku chybí nebo to není platný JSON objekt."),
            StatusCodes.Status401Unauthorized => ("Nepřihlášen", "Přihlaste se jako operátor."),
            StatusCodes.Status403Forbidden => ("Nedostatečné oprávnění", "Vaše role k této akci neopravňuje."),
            StatusCodes.Status404NotFound => ("Nenalezeno", "Tato adresa API neexistuje. Zkontrolujte cestu; čísla v ní (id) musí být celá čísla."),
            StatusCodes.Status405MethodNotAllowed => ("Metoda není povolena", $"Tato adresa API nepodporuje metodu {method ?? "požadavku"}; povolené metody jsou v hlavičce Allow."),
            StatusCodes.Status406NotAcceptable => ("Nepodporovaný formát odpovědi", "API odpovídá jen ve formátu JSON."),
            StatusCodes.Status408RequestTimeout => ("Požadavek trval příliš dlouho", "Tělo požadavku nedorazilo včas. Zkuste to znovu."),
            StatusCodes.Status413PayloadTooLarge => ("Požadavek je příliš velký", "Tělo požadavku přesahuje povolenou velikost."),
            StatusCodes.Status415UnsupportedMediaType => ("Nepodporovaný formát", "Tělo požadavku musí být JSON (Content-Type: application/json)."),
            StatusCodes.Status429TooManyRequests => ("Příliš mnoho požadavků", "Zkuste to prosím za chvíli."),
            >= 500 => ("Chyba serveru", "Omlouváme se, něco se pokazilo. Zkuste to prosím znovu; pokud chyba trvá, obraťte se na správce."),
            _ => ("Požadavek nelze provést", "Požadavek není platný."),
        };
        return new ProblemDetails { Status = status, Title = title, Detail = detail };
    }

    public static ObjectResult Result(int status, string? method = null) =>
        new(For(status, method)) { StatusCode = status, ContentTypes = { ContentType } };

    /// <summary>Writes the problem unless something else already answered with a body.</summary>
    internal static async Task WriteAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(For(status, context.Request.Method), (System.Text.Json.JsonSerializerOptions?)null, ContentType, context.RequestAborted);
    }
}
