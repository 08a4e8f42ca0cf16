using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web.Management;

public sealed record AreaStreetItem(long Id, string Name);

public sealed record AreaPartItem(long Id, string Name, IReadOnlyList<AreaStreetItem> Streets);

/// <param name="ForMessages">False for package 5 ("Vše"): residents choose it, messages never carry it.</param>
public sealed record PackageItem(int Id, string Name, string Description, bool ForMessages);

/// <summary>What the campaign pickers offer: city parts with their active streets, and packages.</summary>
[Route(RoutePrefix)]
public sealed class CatalogController(AreaRepository areas) : ManagementApiControllerBase
{
    [HttpGet("areas")]
    public async Task<IReadOnlyList<AreaPartItem>> Areas(CancellationToken cancellationToken) =>
        (await areas.GetCatalogAsync(cancellationToken)).Parts
            .Select(p => new AreaPartItem(p.Part.Id, p.Part.Name, p.Streets.Select(s => new AreaStreetItem(s.Id, s.Name)).ToList()))
            .ToList();

    [HttpGet("packages")]
    public IReadOnlyList<PackageItem> Packages() =>
        TopicPackages.All.Select(p => new PackageItem(p.Id, p.Name, p.Description, p.Id != TopicPackages.Everything)).ToList();
}
