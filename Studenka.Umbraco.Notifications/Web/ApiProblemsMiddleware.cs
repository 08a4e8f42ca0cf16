using Microsoft.AspNetCore.Http;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Under <c>/umbraco/sms/api</c> a bodyless error (no route: 404; wrong method: 405; an empty
/// challenge of the host) gets a Czech problem body, and a body that could not be read (too large,
/// cut off) gets its 4xx instead of a 500. Outermost, so it sees what the host's pipeline left.
/// </summary>
internal sealed class ApiProblemsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiProblems.IsApiPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiProblems.WriteAsync(context, e.StatusCode);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await ApiProblems.WriteAsync(context, response.StatusCode);
        }
    }
}
