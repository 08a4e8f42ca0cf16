using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Operators;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Who may read the sandbox page. It shows every verification code, so whoever reads it can take
/// over any number: everyone only on a developer's machine (Development), otherwise only a signed-in
/// administrator, and nobody once a real gateway is configured.
/// </summary>
public sealed class SandboxAccess(ISmsGateway gateway, IHostEnvironment environment)
{
    public bool IsSandbox => gateway.IsSandbox;

    /// <summary>The page may be linked for anyone (menus, banners): sandbox and Development only.</summary>
    public bool IsOpenToEveryone => gateway.IsSandbox && environment.IsDevelopment();
}

/// <summary>404 without the sandbox; the administrator check of the host (login redirect, 403) outside Development.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SandboxAccessAttribute : Attribute, IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var services = context.HttpContext.RequestServices;
        var access = services.GetRequiredService<SandboxAccess>();
        if (!access.IsSandbox)
        {
            context.Result = new NotFoundResult();
            return;
        }

        if (access.IsOpenToEveryone)
        {
            return;
        }

        // The host's Administration policy names its own schemes (operator cookie, or Umbraco's backoffice).
        var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(NotificationsPolicies.Administration)
            ?? throw new InvalidOperationException($"The host defines no policy {NotificationsPolicies.Administration}.");
        var evaluator = services.GetRequiredService<IPolicyEvaluator>();
        var authentication = await evaluator.AuthenticateAsync(policy, context.HttpContext);
        var authorization = await evaluator.AuthorizeAsync(policy, authentication, context.HttpContext, resource: null);
        if (authorization.Challenged)
        {
            context.Result = new ChallengeResult(policy.AuthenticationSchemes.ToList());
        }
        else if (authorization.Forbidden)
        {
            context.Result = new ForbidResult(policy.AuthenticationSchemes.ToList());
        }
    }
}
