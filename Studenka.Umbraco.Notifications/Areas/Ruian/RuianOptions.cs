using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Areas.Ruian;

/// <summary>Section <c>Studenka:Ruian</c>: which municipality's address file the import accepts.</summary>
public sealed class RuianOptions
{
    public const string SectionName = "Studenka:Ruian";

    /// <summary>RÚIAN/ČSÚ "Kód obce"; every row of an imported file must carry it. Default: Studénka.</summary>
    [Range(1, 999_999, ErrorMessage = "Set Studenka:Ruian:MunicipalityCode to the six-digit RÚIAN municipality code (Studénka: 599921).")]
    public long MunicipalityCode { get; set; } = AreaSeeder.StudenkaMunicipalityCode;
}
