using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Persistence;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Self-service without passwords: after a correct code the resident gets a cookie holding a random
/// token of a server-side session (table <c>manage_sessions</c>, only the token's hash stored).
/// The session, not the cookie, says whose data it opens and until when: it ends on "leave", after
/// <see cref="SubscriptionOptions.ManageSessionMinutes"/>, and with its subscriber, so an old or
/// copied cookie can never open anybody's data afterwards, even when an id were reused.
/// </summary>
public sealed class ManageSession(IDbConnectionFactory connections, IDataProtectionProvider protection, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    public const string CookieName = "studenka-sms-sprava";
    private const string CookiePath = "/sms/sprava";
    private readonly IDataProtector _phone = protection.CreateProtector("Studenka.Sms.PhoneToken.v1");
    private readonly IDataProtector _signUp = protection.CreateProtector("Studenka.Sms.SignUpToken.v2");

    public async Task SignInAsync(HttpContext context, long subscriberId, CancellationToken cancellationToken)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM manage_sessions WHERE expires_at_ms <= @now;
                INSERT INTO manage_sessions (token_hash, subscriber_id, created_at_ms, expires_at_ms) VALUES (@hash, @subscriberId, @now, @expires);
                """,
                new { hash = Hash(token), subscriberId, now = now.ToUnixTimeMilliseconds(), expires = now.AddMinutes(options.Value.ManageSessionMinutes).ToUnixTimeMilliseconds() },
                cancellationToken: cancellationToken));
        }

        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            IsEssential = true,
        });
    }

    /// <summary>Ends the session on the server (a copy of the cookie stops working) and removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (TokenOf(context) is { } token)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM manage_sessions WHERE token_hash = @hash", new { hash = Hash(token) }, cancellationToken: cancellationToken));
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath });
    }

    public async Task<long?> CurrentSubscriberIdAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (TokenOf(context) is not { } token)
        {
            return null;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT subscriber_id FROM manage_sessions WHERE token_hash = @hash AND expires_at_ms > @now",
            new { hash = Hash(token), now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    /// <summary>An opaque token carrying the phone between the manage pages, so the number never sits in a URL or log.</summary>
    public string PhoneToken(string e164) => _phone.Protect(e164);

    public string? PhoneFromToken(string? token) => Unprotect(_phone, token);

    /// <summary>The sign-up pages carry the phone and the attempt whose code they confirm.</summary>
    public string SignUpToken(SignUpAttempt attempt) => _signUp.Protect(attempt.Phone + "|" + attempt.Key);

    public SignUpAttempt? SignUpFromToken(string? token) =>
        Unprotect(_signUp, token)?.Split('|') is [var phone, var key] ? new SignUpAttempt(phone, key) : null;

    private static string? TokenOf(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && value is { Length: > 0 and <= 100 } ? value : null;

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string? Unprotect(IDataProtector protector, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
