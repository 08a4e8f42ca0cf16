using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Notifications.Web.Management;

public sealed record CsvFile(byte[] Bytes, string FileName);

/// <summary>
/// Every subscriber as the town's Excel opens it: UTF-8 with a BOM (without it Excel reads Czech
/// letters as cp1250 garbage), semicolons (Czech Excel's list separator), Czech headers, times in
/// Prague. Each download is audited with the count, because the file leaves the system.
/// </summary>
public sealed class SubscribersCsv(SubscriberDirectory directory, TownCalendar calendar, AuditLog audit)
{
    public const string ExportAction = "subscribers.export";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { Delimiter = ";" };

    private static readonly string[] Header =
    [
        "Id", "Telefon", "Jméno", "E-mail", "Stav", "Balíčky", "Adresa 1", "Adresa 2", "Adresa 3",
        "Verze souhlasu", "Souhlas udělen", "Písemný souhlas zapsal", "Přihlášen", "Aktivní od",
        "Stav e-mailu", "Balíčky e-mailem",
    ];

    public async Task<CsvFile> ExportAsync(OperatorIdentity actor, CancellationToken cancellationToken)
    {
        var subscribers = await directory.AllAsync(cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var column in Header)
            {
                csv.WriteField(column);
            }

            await csv.NextRecordAsync();
            foreach (var s in subscribers)
            {
                WriteRow(csv, s);
                await csv.NextRecordAsync();
            }
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        await audit.AppendAsync(actor, ExportAction, null,
            string.Create(CultureInfo.InvariantCulture, $"Export odběratelů do CSV: {subscribers.Count} řádků."), cancellationToken);
        return new(bytes, $"odberatele-{calendar.Today()}.csv");
    }

    private void WriteRow(CsvWriter csv, SubscriberListItem s)
    {
        csv.WriteField(s.Id.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(PhoneNumberNormalizer.Display(s.Phone));
        csv.WriteField(s.Name ?? string.Empty);
        csv.WriteField(s.Email ?? string.Empty);
        csv.WriteField(s.Status == SubscriberStatus.Active ? "aktivní" : "čeká na ověření");
        csv.WriteField(string.Join(", ", s.Packages.Select(p => TopicPackages.All.FirstOrDefault(t => t.Id == p)?.Name ?? p.ToString(CultureInfo.InvariantCulture))));
        for (var i = 0; i < SubscriptionValidator.MaxAddresses; i++)
        {
            csv.WriteField(i < s.Addresses.Count ? s.Addresses[i] : string.Empty);
        }

        csv.WriteField(s.ConsentVersion);
        csv.WriteField(Local(s.ConsentAt));
        csv.WriteField(s.WrittenConsentBy ?? string.Empty);
        csv.WriteField(Local(s.CreatedAt));
        csv.WriteField(s.ActivatedAt is { } at ? Local(at) : string.Empty);
        csv.WriteField(s.EmailState ?? string.Empty);
        csv.WriteField(string.Join(", ", (s.EmailPackages ?? []).Select(p => TopicPackages.All.FirstOrDefault(t => t.Id == p)?.Name ?? p.ToString(CultureInfo.InvariantCulture))));
    }

    private string Local(DateTimeOffset at) => calendar.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
