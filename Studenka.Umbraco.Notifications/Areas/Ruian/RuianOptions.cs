using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>Section <c>Studenka:Ruian</c>: which municipality's address file the import accepts, and where ČÚZK publishes it.</summary>
public sealed class RuianOptions : IValidatableObject
{
    public const string SectionName = "Studenka:Ruian";

    /// <summary>RÚIAN/ČSÚ "Kód obce"; every row of an imported file must carry it. Default: Studénka.</summary>
    [Range(1, 999_999, ErrorMessage = "Set Studenka:Ruian:MunicipalityCode to the six-digit RÚIAN municipality code (Studénka: 599921).")]
    public long MunicipalityCode { get; set; } = AreaSeeder.StudenkaMunicipalityCode;

    /// <summary>
    /// Folder of ČÚZK's public address-register export; the file is
    /// <c>{CuzkBaseUrl}{YYYYMMDD}_OB_{MunicipalityCode}_ADR.csv.zip</c> (tests point it at a local server).
    /// </summary>
    public string CuzkBaseUrl { get; set; } = "https://vdp.cuzk.gov.cz/vymenny_format/csv/";

    /// <summary>Whole download (connect, headers and body); ČÚZK's per-town zip is well under a megabyte.</summary>
    [Range(1, 3600, ErrorMessage = "Studenka:Ruian:CuzkTimeoutSeconds must be 1 to 3600.")]
    public int CuzkTimeoutSeconds { get; set; } = 120;

    /// <summary>Largest zip accepted from ČÚZK; the file inside is limited by <see cref="RuianImportService.MaxFileBytes"/>.</summary>
    [Range(1024, RuianImportService.MaxFileBytes, ErrorMessage = "Studenka:Ruian:CuzkMaxDownloadBytes must be 1024 to 67108864.")]
    public long CuzkMaxDownloadBytes { get; set; } = 32 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(CuzkBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !CuzkBaseUrl.EndsWith('/'))
        {
            yield return new ValidationResult("Studenka:Ruian:CuzkBaseUrl must be an absolute http(s) URL ending with '/'.", [nameof(CuzkBaseUrl)]);
        }
    }
}
