using System.Reflection;
using global::Umbraco.Cms.Core.Models;
using global::Umbraco.Cms.Core.Services;

namespace Studenka.Umbraco.Notifications.Tests.Editors;

/// <summary>
/// Core's <see cref="IContentService"/> over a fixed tree, for what the handlers ask of it: the descendants
/// of a node, page by page (Umbraco's paging: index from 0, the total through the out parameter). Anything
/// else the test did not expect throws. A proxy, because the interface has some hundred members.
/// </summary>
public class ContentTreeDouble : DispatchProxy
{
    private readonly Dictionary<int, List<IContent>> _children = [];

    public List<(int Id, long PageIndex, int PageSize)> DescendantQueries { get; } = [];

    public static (IContentService Service, ContentTreeDouble Tree) Create()
    {
        var service = Create<IContentService, ContentTreeDouble>();
        return (service, (ContentTreeDouble)(object)service);
    }

    public void Add(IContent parent, IContent child)
    {
        child.ParentId = parent.Id;
        child.Path = parent.Path + "," + child.Id;
        (_children.TryGetValue(parent.Id, out var list) ? list : _children[parent.Id] = []).Add(child);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IContentService.GetPagedDescendants) && args is [int id, long pageIndex, int pageSize, _, ..])
        {
            DescendantQueries.Add((id, pageIndex, pageSize));
            var all = Descendants(id).ToList();
            args[3] = (long)all.Count;
            return all.Skip((int)(pageIndex * pageSize)).Take(pageSize).ToList();
        }

        throw new NotSupportedException($"The test's content tree does not answer {targetMethod?.Name}.");
    }

    private IEnumerable<IContent> Descendants(int id) =>
        _children.TryGetValue(id, out var children) ? children.SelectMany(c => Descendants(c.Id).Prepend(c)) : [];
}
