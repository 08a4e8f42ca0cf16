using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>Section <c>Studenka:Web</c>: how the resident pages fit into the host site.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Studenka:Web";

    /// <summary>
    /// Razor layout of the resident pages. The package ships a plain one; a site sets its own
    /// (the standalone Site uses "_Layout") so the pages look like the rest of the town's web.
    /// </summary>
    [Required]
    public string Layout { get; set; } = "_StudenkaSmsLayout";

    /// <summary>
    /// Absolute address of the sign-up page, sent to residents who text START. Empty: the
    /// package's own page (<c>/sms</c>) on the host that received the SMS webhook.
    /// </summary>
    [Url]
    public string? PublicSignUpUrl { get; set; }
}
