using System.Globalization;
using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas.Ruian;
using Studenka.Umbraco.Notifications.Persistence;

namespace Studenka.Umbraco.Site;

/// <summary><c>import-ruian FILE</c>: loads the ČÚZK address file into city parts and streets.</summary>
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
            Vyřazené ulice z výchozích dat: {s.SeedStreetsRetired}{(s.SeedStreetsRetired > 0 ? " (" + string.Join(", ", s.RetiredSeedStreets) + ")" : "")}.
            """));
        return 0;
    }
}
