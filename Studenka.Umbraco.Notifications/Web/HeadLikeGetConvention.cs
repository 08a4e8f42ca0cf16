using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Every GET of the package's controllers also answers HEAD (Kestrel sends no body for it).
/// MVC routes HEAD only where it is declared, so an uptime monitor asking with HEAD, as many do
/// by default, got 404 for pages that exist. Only this assembly's controllers: a host's own are left alone.
/// </summary>
internal sealed class HeadLikeGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        if (action.Controller.ControllerType.Assembly != typeof(HeadLikeGetConvention).Assembly)
        {
            return;
        }

        foreach (var selector in action.Selectors)
        {
            for (var i = 0; i < selector.ActionConstraints.Count; i++)
            {
                if (selector.ActionConstraints[i] is HttpMethodActionConstraint constraint && WithHead(constraint.HttpMethods) is { } methods)
                {
                    selector.ActionConstraints[i] = new HttpMethodActionConstraint(methods);
                }
            }

            for (var i = 0; i < selector.EndpointMetadata.Count; i++)
            {
                if (selector.EndpointMetadata[i] is HttpMethodMetadata metadata && WithHead(metadata.HttpMethods) is { } methods)
                {
                    selector.EndpointMetadata[i] = new HttpMethodMetadata(methods, metadata.AcceptCorsPreflight);
                }
            }
        }
    }

    private static string[]? WithHead(IEnumerable<string> methods)
    {
        var list = methods.ToList();
        return list.Contains("GET", StringComparer.OrdinalIgnoreCase) && !list.Contains("HEAD", StringComparer.OrdinalIgnoreCase) ? [.. list, "HEAD"] : null;
    }
}
