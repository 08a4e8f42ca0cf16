using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Web;

/// <summary>
/// Section <c>Studenka:Privacy</c>: who is responsible for the residents' data and how to reach
/// them, as GDPR Art. 13 requires on the privacy page. Defaults are Studénka's town office; another
/// town sets its own. Bump <c>Studenka:Subscriptions:ConsentTextVersion</c> when these change.
/// </summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Studenka:Privacy";

    /// <summary>The controller (správce): the municipality itself, not its office.</summary>
    [Required(ErrorMessage = "Studenka:Privacy:ControllerName is required (e.g. \"Město Studénka\").")]
    public string ControllerName { get; set; } = "Město Studénka";

    /// <summary>IČO of the municipality. The default was given in the project brief, not checked against ARES here: verify before going live.</summary>
    [Required(ErrorMessage = "Studenka:Privacy:ControllerIco is required.")]
    [RegularExpression(@"^\d{8}$", ErrorMessage = "Studenka:Privacy:ControllerIco must be the 8-digit IČO.")]
    public string ControllerIco { get; set; } = "00298468";

    /// <summary>Default: the town hall as public sources list it.</summary>
    [Required(ErrorMessage = "Studenka:Privacy:ControllerAddress is required.")]
    public string ControllerAddress { get; set; } = "nám. Republiky 762, 742 13 Studénka";

    /// <summary>Where residents write about their data. Default: the office's filing address as given in the project brief (not verified here).</summary>
    [Required(ErrorMessage = "Studenka:Privacy:ContactEmail is required.")]
    [EmailAddress(ErrorMessage = "Studenka:Privacy:ContactEmail must be an e-mail address.")]
    public string ContactEmail { get; set; } = "podatelna@studenka.cz";

    /// <summary>Optional; no default because the office's number is not confirmed here.</summary>
    public string? ContactPhone { get; set; }

    /// <summary>ID of the town's data box (datová schránka). Optional; no default (not confirmed).</summary>
    [RegularExpression("^[a-z0-9]{7}$", ErrorMessage = "Studenka:Privacy:DataBox must be the 7-character data box ID.")]
    public string? DataBox { get; set; }

    /// <summary>
    /// The data protection officer (pověřenec), whom a public body must appoint (Art. 37(1)(a)).
    /// Unset: the page sends residents to the controller's contact, which forwards to the officer.
    /// </summary>
    public string? DpoName { get; set; }

    [EmailAddress(ErrorMessage = "Studenka:Privacy:DpoEmail must be an e-mail address.")]
    public string? DpoEmail { get; set; }

    /// <summary>Who sends the SMS on the town's behalf (a processor under Art. 28). Default: the gateway the package ships; name the contracting entity from the processing agreement.</summary>
    [Required(ErrorMessage = "Studenka:Privacy:SmsProcessor is required (the SMS operator, e.g. MessageBird).")]
    public string SmsProcessor { get; set; } = "MessageBird B.V. (Bird), Amsterdam, Nizozemsko";

    /// <summary>What the optional e-mail is for. The package sends no e-mail yet; a town that uses it says how.</summary>
    [Required(ErrorMessage = "Studenka:Privacy:EmailPurpose is required.")]
    public string EmailPurpose { get; set; } =
        "Nepovinný e-mail použijeme k zasílání zpráv těch balíčků, u kterých jste zvolili e-mail, a ke kontaktu kvůli vašemu odběru. Než adresu potvrdíte odkazem, pošleme na ni jen tento odkaz. Každý e-mail obsahuje odkaz pro odhlášení daného balíčku; adresu, kterou poštovní server trvale odmítne, přestaneme používat, dokud ji znovu nepotvrdíte.";
}
