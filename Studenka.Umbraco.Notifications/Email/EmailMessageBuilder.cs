using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;
using Studenka.Umbraco.Notifications.Campaigns;
using Studenka.Umbraco.Notifications.Gateway;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Email;

/// <summary>
/// Builds the e-mail a resident gets, plain text and simple HTML from the same text. A campaign's
/// e-mail carries the operator's original text (e-mail is not limited to GSM-7), the town and the
/// package, and a one-click unsubscribe link for that package (RFC 8058 headers and the footer); an
/// event campaign adds an <c>.ics</c>. A service e-mail's body is <c>subject\n\ntext</c>.
/// </summary>
public sealed partial class EmailMessageBuilder(IOptions<EmailOptions> options, IOptions<SmsOptions> sms, EmailLinks links, EmailLinkBase linkBase, TimeProvider time)
{
    public const string IcsFileName = "udalost.ics";

    public MimeMessage Campaign(string to, string reference, CampaignEmailContent content)
    {
        var town = sms.Value.TownName;
        var package = TopicPackages.All.FirstOrDefault(p => p.Id == content.PackageId)?.Name ?? "Zprávy";
        var unsubscribe = linkBase.Absolute($"{EmailLinks.UnsubscribePath}?t={Uri.EscapeDataString(links.UnsubscribeToken(to, content.PackageId))}");
        var text = new StringBuilder(content.Text.Trim()).Append("\n\n");
        if (content.Event is { } @event)
        {
            text.Append("Pozvánku do kalendáře najdete v příloze (").Append(IcsFileName).Append(").\n\n");
        }

        text.Append("--\n")
            .Append("Zprávy města ").Append(town).Append(", balíček „").Append(package).Append("“.\n")
            .Append("Odhlásit tento balíček z e-mailu: ").Append(unsubscribe).Append('\n')
            .Append("Spravovat odběr: ").Append(linkBase.Absolute("/sms/sprava")).Append('\n');
        var message = Message(to, reference, $"Město {town} – {package}", text.ToString(), content.Event is { } e
            ? EventInvite.Build(content.CampaignId, FromDomain, e, content.Text.Trim(), time.GetUtcNow())
            : null);
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return message;
    }

    /// <summary>A message to one resident (the verification link): first line the subject, after a blank line the text.</summary>
    public MimeMessage Service(string to, string reference, string body)
    {
        var normalized = body.Replace("\r\n", "\n");
        var split = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var (subject, text) = split < 0
            ? (normalized.Split('\n')[0], normalized.Contains('\n') ? normalized[(normalized.IndexOf('\n') + 1)..] : normalized)
            : (normalized[..split], normalized[(split + 2)..]);
        return Message(to, reference, subject.Trim(), text.Trim() + "\n", ics: null);
    }

    private string FromDomain => options.Value.FromAddress.Split('@')[^1];

    private MimeMessage Message(string to, string reference, string subject, string text, string? ics)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        // Stable per outbox row: a receiving server that saw it already may drop a repeat.
        message.MessageId = $"{reference}@{FromDomain}";
        message.Date = time.GetUtcNow();
        var body = new BodyBuilder { TextBody = text, HtmlBody = Html(subject, text) };
        if (ics is not null)
        {
            body.Attachments.Add(IcsFileName, Encoding.UTF8.GetBytes(ics), ContentType.Parse("text/calendar; method=PUBLISH; charset=utf-8"));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The HTML part from the plain text: escaped, a paragraph per blank-line block, line breaks kept, URLs as links.</summary>
    public static string Html(string subject, string text)
    {
        return new StringBuilder("<!DOCTYPE html><html lang=\"cs\"><head><meta charset=\"utf-8\"><title>")
            .Append(Escape(subject)).Append("</title></head><body>").Append(Paragraphs(text)).Append("</body></html>").ToString();
    }

    /// <summary>The text as escaped HTML paragraphs with its URLs as links (also the sandbox page's rendering).</summary>
    public static string Paragraphs(string text)
    {
        var html = new StringBuilder();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = paragraph.Split('\n').Select(line => Url().Replace(Escape(line), Link));
            html.Append("<p>").Append(string.Join("<br>", lines)).Append("</p>");
        }

        return html.ToString();
    }

    // Only what HTML needs: Czech letters stay letters (WebUtility.HtmlEncode would turn "í" into "&#237;").
    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    // A sentence's full stop or an escaped quote after an address is no part of it.
    private static string Link(Match match)
    {
        var url = match.Value;
        var quote = url.IndexOf("&quot;", StringComparison.Ordinal);
        url = (quote < 0 ? url : url[..quote]).TrimEnd('.', ',', ';', ':', ')', '!', '?');
        return $"<a href=\"{url}\">{url}</a>{match.Value[url.Length..]}";
    }

    // Matched in the escaped text, so an address can hold no quote or angle bracket that would leave the attribute.
    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
