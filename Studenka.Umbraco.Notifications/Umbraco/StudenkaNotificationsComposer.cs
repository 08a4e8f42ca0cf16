using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>Discovered by Umbraco at start; the package registers itself in one line.</summary>
public sealed class StudenkaNotificationsComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) => builder.AddStudenkaNotifications();
}
