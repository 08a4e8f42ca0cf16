using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Studenka.Umbraco.Notifications.Subscriptions;

/// <summary>What a valid unsubscribe link names: the (verified) address and the one package it leaves.</summary>
public sealed record EmailUnsubscribe(string Email, int PackageId);

/// <summary>
/// The links an e-mail carries back to the town's site. The unsubscribe link must work without a
/// sign-in and for years (RFC 8058 one-click), so it is a Data Protection token over the address and
/// the package: the keys live in the database, so every node reads what any node wrote, and no table
/// row per e-mail is needed. Delivery makes the links (it sends), Subscriptions reads them (it owns
/// the subscription); this class is the one format both use.
/// </summary>
public sealed class EmailLinks(IDataProtectionProvider protection)
{
    /// <summary>The verification page; the token follows as <c>?t=</c>.</summary>
    public const string VerifyPath = "/sms/email/overit";

    /// <summary>The unsubscribe page (GET shows a button, POST unsubscribes: RFC 8058 posts here); the token follows as <c>?t=</c>.</summary>
    public const string UnsubscribePath = "/sms/email/odhlasit";

    private readonly IDataProtector _unsubscribe = protection.CreateProtector("Studenka.Email.Unsubscribe.v1");

    /// <summary>Addresses compare without case (the domain is case-insensitive, and no mailbox here differs by case alone).</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public string UnsubscribeToken(string email, int packageId) =>
        WebEncoders.Base64UrlEncode(_unsubscribe.Protect(Encoding.UTF8.GetBytes($"{packageId}\n{Normalize(email)}")));

    /// <summary>The address and package of a token this site made; null for anything else (forged, cut, from another installation).</summary>
    public EmailUnsubscribe? ReadUnsubscribeToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(_unsubscribe.Unprotect(WebEncoders.Base64UrlDecode(token)));
            var split = text.IndexOf('\n');
            return split > 0 && int.TryParse(text.AsSpan(0, split), out var packageId) && split < text.Length - 1
                ? new EmailUnsubscribe(text[(split + 1)..], packageId)
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
