using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Operators;

/// <summary>
/// The one rule of "who may send package N / see what". The management API enforces it and
/// <c>GET me</c> hands it to the backoffice UI, which hides exactly what the API would refuse.
/// </summary>
/// <param name="Packages">The packages this role may create, preview, schedule, send, cancel and resend.</param>
/// <param name="SeesPersonalData">Residents' phone numbers in full; without it they are masked (<see cref="MaskPhone"/>).</param>
/// <param name="SeesRecipients">The per-recipient list of a campaign at all; without it only counts.</param>
/// <param name="MayExport">Downloads of residents' data.</param>
/// <param name="Administration">Settings, address mapping, the audit log.</param>
public sealed record OperatorPermissions(
    OperatorRole? Role, IReadOnlyList<int> Packages, bool SeesPersonalData, bool SeesRecipients, bool MayExport, bool Administration)
{
    private static readonly OperatorPermissions Administrator = new(
        OperatorRole.Administrator, [TopicPackages.Crisis, 2, 3, 4], SeesPersonalData: true, SeesRecipients: true, MayExport: true, Administration: true);

    /// <summary>Office staff: the everyday packages, counts only (no resident's number, not even masked).</summary>
    private static readonly OperatorPermissions Editor = new(
        OperatorRole.Editor, [2, 3, 4], SeesPersonalData: false, SeesRecipients: false, MayExport: false, Administration: false);

    /// <summary>Town police, 24/7: crisis and operational messages; sees who did not get them, masked, to call round.</summary>
    private static readonly OperatorPermissions Dispatch = new(
        OperatorRole.Dispatch, [TopicPackages.Crisis, 2], SeesPersonalData: false, SeesRecipients: true, MayExport: false, Administration: false);

    /// <summary>Someone who is no operator.</summary>
    public static OperatorPermissions None { get; } = new(null, [], SeesPersonalData: false, SeesRecipients: false, MayExport: false, Administration: false);

    public static OperatorPermissions For(OperatorRole role) => role switch
    {
        OperatorRole.Administrator => Administrator,
        OperatorRole.Editor => Editor,
        OperatorRole.Dispatch => Dispatch,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown operator role."),
    };

    public bool MaySend(int packageId) => Packages.Contains(packageId);

    /// <summary>The statistics (counts only, no resident's data): the town hall's roles; Dispatch has no use for them at 3 a.m.</summary>
    public bool SeesStatistics => Role is OperatorRole.Administrator or OperatorRole.Editor;

    /// <summary>The Czech refusal for a package this role may not send.</summary>
    public string PackageRefusal(int packageId) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Role {Role?.CzechName()} nesmí posílat zprávy balíčku {packageId}; smí jen balíčky {string.Join(", ", Packages)}.");

    /// <summary>A phone as this role may see it: in full, or "+420 603 *** 456" (country code, first three and last three digits).</summary>
    public string MaskPhone(string phone) =>
        phone.StartsWith(ErasedPrefix, StringComparison.Ordinal) ? "(údaje smazány)" : SeesPersonalData ? phone : Mask(phone);

    /// <summary>
    /// A recipient's address as this role may see it: a phone as <see cref="MaskPhone"/>, an e-mail in
    /// full or as "j***@s***.cz" (first letter of the mailbox and of the domain, and the top-level domain).
    /// </summary>
    public string MaskAddress(string channel, string address) =>
        channel != Delivery.OutboxChannel.Email ? MaskPhone(address)
        : address.StartsWith(ErasedPrefix, StringComparison.Ordinal) ? "(údaje smazány)"
        : SeesPersonalData ? address : MaskEmail(address);

    internal static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        var dot = email.LastIndexOf('.');
        return at < 1 || dot < at + 2 ? "***" : $"{email[0]}***@{email[at + 1]}***{email[dot..]}";
    }

    /// <summary>What a resident's cancellation leaves in the outbox instead of the number (see SubscriberRepository).</summary>
    private const string ErasedPrefix = "deleted:";

    internal static string Mask(string phone)
    {
        // Stored numbers are E.164; a number a resident's cancellation wiped ("deleted:17") shows nothing of itself.
        if (phone.Length < 10 || phone[0] != '+' || phone.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return "***";
        }

        return phone.StartsWith("+420", StringComparison.Ordinal) && phone.Length == 13
            ? $"+420 {phone[4..7]} *** {phone[^3..]}"
            : $"{phone[..4]} *** {phone[^3..]}";
    }
}
