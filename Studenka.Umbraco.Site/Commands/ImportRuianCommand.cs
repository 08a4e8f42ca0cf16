using System.Globalization;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Areas.Ruian;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Site;

/// <summary>
/// <c>import-ruian FILE</c>: loads the ČÚZK address file into city parts, streets and address points, and
/// reports every address it moved, what still needs an administrator, and house numbers the register lacks.
/// </summary>
public static class ImportRuianCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            error.WriteLine(args.Length == 1 ? $"Soubor {args[0]} neexistuje." : "Použití: import-ruian SOUBOR   (např. 20260731_OB_599921_ADR.csv z vdp.cuzk.gov.cz)");
            return 2;
        }

        // Hosted services do not start for a command, so bring the schema and seed up to date here.
        await ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).StartAsync(cancellationToken);
        var municipality = services.GetRequiredService<IOptions<RuianOptions>>().Value.MunicipalityCode;
        RuianImportResult result;
        await using (var file = File.OpenRead(args[0]))
        {
            result = await services.GetRequiredService<RuianImportService>().ImportAsync(file, municipality, cancellationToken);
        }

        // The audit log holds every import, the backoffice's and this one's, under the same actions.
        var actor = new OperatorIdentity(Environment.UserName, "command line");
        await services.GetRequiredService<AuditLog>().AppendAsync(actor, result.Succeeded ? "areas.ruian-import.done" : "areas.ruian-import.failed",
            $"file {Path.GetFileName(args[0])}",
            result.Succeeded ? RuianImportCounts.From(result.Summary).ToString() : string.Join(" | ", result.Errors.Select(e => e.ToString())), cancellationToken);

        if (!result.Succeeded)
        {
            error.WriteLine("Import RÚIAN selhal, databáze zůstala beze změny:");
            foreach (var failure in result.Errors)
            {
                error.WriteLine($"  {failure}");
            }

            return 1;
        }

        var s = result.Summary;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"""
            Import RÚIAN pro obec {municipality} hotov, adresních míst: {s.RowsRead}.
            Části obce: přidáno {s.PartsAdded}, beze změny {s.PartsUnchanged}, přejmenováno {s.PartsRenamed}.
            Ulice: přidáno {s.StreetsAdded}, potvrzeno {s.StreetsConfirmed}, beze změny {s.StreetsUnchanged}, znovu aktivováno {s.StreetsReactivated}.
            Přesunuté adresy obyvatel: {s.Moves.Sum(m => m.Addresses)}
            """));
        WriteList(output, s.Moves.Select(m => m.ToString()));
        output.WriteLine($"Vyřazené ulice (nejsou v registru a nikdo na nich nebydlí): {s.RetiredStreets.Count}");
        WriteList(output, s.RetiredStreets);
        var waiting = s.NeedsMapping.Streets.Select(m => $"{m.Name} ({m.CityPartName}), id {m.StreetId}: {m.Addresses} {AddressMove.AddressWord(m.Addresses)}, zůstává v nabídce pro kampaně")
            .Concat(s.NeedsMapping.UnlistedStreets.Select(u => $"„{u.Name}“ napsaná obyvateli ({u.CityPartName}): {u.Addresses} {AddressMove.AddressWord(u.Addresses)}"))
            .ToList();
        output.WriteLine($"Čeká na přiřazení správcem (GET umbraco/sms/api/v1/areas/needs-mapping): {waiting.Count}");
        WriteList(output, waiting);
        if (s.AddressPoints == 0)
        {
            output.WriteLine("Soubor nemá sloupce adresních míst; čísla domů obyvatel nebyla zkontrolována.");
        }
        else
        {
            output.WriteLine($"Čísla domů, která registr na dané ulici a v části obce nezná: {s.HouseNumberMismatches.Count}");
            WriteList(output, s.HouseNumberMismatches.Select(m =>
                $"{m.StreetName ?? "bez ulice"} {m.HouseNumber} ({m.CityPartName}): {m.Addresses} {AddressMove.AddressWord(m.Addresses)}"));
        }

        return 0;
    }

    private static void WriteList(TextWriter output, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine($"  {line}");
        }
    }
}
