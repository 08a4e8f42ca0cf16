using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>Section <c>Site:BackOffice</c>: how long a backoffice sign-in lasts.</summary>
public sealed class BackOfficeAuthOptions
{
    public const string SectionName = "Site:BackOffice";

    /// <summary>
    /// Idle time after which the operator signs in again (Umbraco's <c>TimeOut</c>, 20 minutes by
    /// default). As in Umbraco, an access token lives a quarter of it and the refresh token all of it;
    /// each refresh renews the refresh token, so an active session goes on.
    /// </summary>
    [Range(2, 24 * 60, ErrorMessage = "Site:BackOffice:SessionTimeoutMinutes must be between 2 and 1440.")]
    public int SessionTimeoutMinutes { get; set; } = 20;

    public TimeSpan SessionTimeout => TimeSpan.FromMinutes(SessionTimeoutMinutes);

    public TimeSpan AccessTokenLifetime => SessionTimeout / 4;
}
