using Microsoft.AspNetCore.Authorization;

namespace Studenka.Umbraco.Notifications.Umbraco;

/// <summary>
/// The backoffice user may use the SMS section: one of their groups allows <paramref name="Section"/>;
/// with <paramref name="AdministratorsOnly"/>, they must also be in Umbraco's admin group.
/// </summary>
public sealed record NotificationsSectionRequirement(string Section, bool AdministratorsOnly = false) : IAuthorizationRequirement;
