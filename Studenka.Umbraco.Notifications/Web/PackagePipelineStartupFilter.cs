using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Puts the package's outermost middleware in front of whatever pipeline the host builds (the
/// Site's Program or Umbraco's), so neither host has to remember a Use call.
/// </summary>
internal sealed class PackagePipelineStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ApiProblemsMiddleware>();
        app.UseMiddleware<HostRefusalMiddleware>();
        next(app);
    };
}
