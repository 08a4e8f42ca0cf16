using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Site.Backoffice;

/// <summary>The backoffice's URL space under <c>/umbraco</c> and which part of it is what.</summary>
internal static class BackOfficePaths
{
    public const string Root = "/umbraco";

    /// <summary>The Site's stand-in for Umbraco's Management API (the client calls <c>v1</c>).</summary>
    public const string ManagementApi = "/umbraco/management/api";

    public const string ManagementApiV1 = "umbraco/management/api/v1";

    /// <summary>The bundled client (versioned folders below it) and its import map.</summary>
    public const string Assets = "/umbraco/backoffice";

    /// <summary>Paths that are answered by an API or a file, never by the boot page.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments(ManagementApi, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ManagementApiControllerBase.ApiRoot, StringComparison.OrdinalIgnoreCase);

    public static bool IsBackOffice(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
}
