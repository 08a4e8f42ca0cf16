using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// The resident sign-up form, for any page: <c>@await Component.InvokeAsync("studenkaSmsSubscriptionForm")</c>,
/// or through the shipped Block List / Block Grid partials in an Umbraco site.
/// </summary>
[ViewComponent(Name = Name)]
public sealed class SubscriptionFormViewComponent(AreaRepository areas, IOptions<SubscriptionOptions> options) : ViewComponent
{
    public const string Name = "studenkaSmsSubscriptionForm";

    /// <param name="state">Values and errors of a rejected post; null for an empty form.</param>
    /// <param name="block">The Umbraco block the form is placed in (unused; its settings may style the form later).</param>
    public async Task<IViewComponentResult> InvokeAsync(SubscriptionFormView? state = null, object? block = null)
    {
        var view = state ?? new SubscriptionFormView(
            FormMode.SignUp, new SubscriptionFormModel(), [], await areas.GetCatalogAsync(HttpContext.RequestAborted), options.Value.PrivacyUrl);
        return View(view);
    }
}
