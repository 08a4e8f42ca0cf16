using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Core.Security;
using Umbraco.Extensions;

namespace Studenka.Umbraco.Site.Backoffice.Auth;

/// <summary>
/// <c>GET …/user/current</c>: the signed-in operator in the shape the backoffice client maps
/// (<c>UmbCurrentUserServerDataSource</c>): sections, admin flag, groups, Czech UI.
/// </summary>
[ApiController]
[ApiExplorerSettings(IgnoreApi = true)]
[Route("umbraco/management/api/v1/user/current")]
[Authorize(Policy = SiteBackOfficePolicies.User)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CurrentUserController(IBackOfficeSecurityAccessor security) : ControllerBase
{
    [HttpGet("")]
    public IActionResult Get()
    {
        if (security.BackOfficeSecurity?.CurrentUser is not { } user)
        {
            return Unauthorized();
        }

        var none = Array.Empty<object>();
        return Ok(new
        {
            id = user.Key,
            name = user.Name,
            userName = user.Username,
            email = user.Email,
            languageIsoCode = user.Language ?? "cs",
            avatarUrls = none,
            languages = none,
            hasAccessToAllLanguages = false,
            hasAccessToSensitiveData = user.IsAdmin(),
            documentStartNodeIds = none,
            hasDocumentRootAccess = false,
            mediaStartNodeIds = none,
            hasMediaRootAccess = false,
            fallbackPermissions = none,
            permissions = none,
            allowedSections = user.AllowedSections,
            isAdmin = user.IsAdmin(),
            userGroupIds = user.Groups.Select(g => new { id = g.Key }),
        });
    }
}
