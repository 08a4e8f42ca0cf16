namespace Studenka.Umbraco.Notifications.Web.Management;

/// <summary>
/// Marks an action that takes a file as its raw body (not JSON). Only content types outside the
/// CORS-safelisted three (form, multipart, text/plain) are accepted, so a page on another site still
/// cannot send one without a preflight this site never approves; <see cref="SameSiteWritesOnlyAttribute"/>
/// lets exactly these through its JSON-only rule.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RawUploadAttribute(params string[] contentTypes) : Attribute
{
    public IReadOnlyList<string> ContentTypes { get; } = contentTypes;

    public bool Accepts(string? contentType) =>
        contentType is { Length: > 0 } && ContentTypes.Contains(contentType.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase);
}
