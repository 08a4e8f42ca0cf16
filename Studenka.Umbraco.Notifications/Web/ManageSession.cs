using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Self-service without passwords: after a correct code the resident gets a short-lived,
/// encrypted cookie naming their subscription. The expiry is inside the payload and checked
/// against <see cref="TimeProvider"/>, so tests can move the clock.
/// </summary>
public sealed class ManageSession(IDataProtectionProvider protection, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public const string CookieName = "studenka-sms-sprava";
    private readonly IDataProtector _cookie = protection.CreateProtector("Studenka.Sms.ManageSession.v1");
    private readonly IDataProtector _phone = protection.CreateProtector("Studenka.Sms.PhoneToken.v1");

    public void SignIn(HttpContext context, long subscriberId)
    {
        var expires = time.GetUtcNow().AddMinutes(options.Value.ManageSessionMinutes);
        var payload = string.Create(CultureInfo.InvariantCulture, $"{subscriberId}|{expires.ToUnixTimeMilliseconds()}");
        context.Response.Cookies.Append(CookieName, _cookie.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/sms/sprava",
            IsEssential = true,
        });
    }

    public void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/sms/sprava" });

    public long? CurrentSubscriberId(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        try
        {
            var parts = _cookie.Unprotect(value).Split('|');
            var id = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var expires = long.Parse(parts[1], CultureInfo.InvariantCulture);
            return time.GetUtcNow().ToUnixTimeMilliseconds() < expires ? id : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>An opaque token carrying the phone between the code pages, so the number never sits in a URL or log.</summary>
    public string PhoneToken(string e164) => _phone.Protect(e164);

    public string? PhoneFromToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return _phone.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
