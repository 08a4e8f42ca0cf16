using System.ComponentModel.DataAnnotations;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>Where the package keeps its own tables (section <c>Studenka:Persistence</c>).</summary>
public sealed class PersistenceOptions
{
    public const string SectionName = "Studenka:Persistence";

    /// <summary>
    /// ADO.NET connection string. The embedded default is a SQLite file; a relative
    /// <c>Data Source</c> is resolved against the host's content root so the file does not
    /// wander with the working directory.
    /// </summary>
    [Required(ErrorMessage = "Set Studenka:Persistence:ConnectionString (e.g. \"Data Source=App_Data/studenka-sms.db\").")]
    public string ConnectionString { get; set; } = "Data Source=App_Data/studenka-sms.db";
}
