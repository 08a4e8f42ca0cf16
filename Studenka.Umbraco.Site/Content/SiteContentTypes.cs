using Microsoft.Extensions.Options;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Editors;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Strings;
using CoreContent = Umbraco.Cms.Core.Models.Content;

namespace Studenka.Umbraco.Site.Content;

/// <summary>
/// The Site's pages as Core's content model, so the package's one publish handler serves both hosts:
/// <c>eventPage</c> and <c>newsPage</c> as Core <see cref="ContentType"/>s whose SMS properties carry the
/// aliases of <c>Studenka:Editors:Properties</c> (a site that renames them keeps working), and a page's
/// published version as a Core <see cref="CoreContent"/> with the values written as an Umbraco editor
/// would type them (areas as names: the format <see cref="PageValuesReader"/> reads).
/// </summary>
public sealed class SiteContentTypes(IShortStringHelper strings, IOptions<EditorOptions> editors)
{
    /// <summary>The page's text; not an SMS property, so not configurable.</summary>
    public const string BodyAlias = "bodyText";

    public ContentType TypeOf(string documentType)
    {
        var aliases = editors.Value.Properties;
        var type = new ContentType(strings, -1) { Alias = documentType, Name = documentType == SiteDocumentTypes.Event ? "Akce" : "Aktualita" };
        void Add(string alias, string editor, ValueStorageType storage, string group) =>
            type.AddPropertyType(new PropertyType(strings, editor, storage, alias) { Name = alias }, group, group);
        Add(BodyAlias, Constants.PropertyEditors.Aliases.TextArea, ValueStorageType.Ntext, "content");
        Add(aliases.EventStart, Constants.PropertyEditors.Aliases.DateTime, ValueStorageType.Date, "content");
        Add(aliases.EventLocation, Constants.PropertyEditors.Aliases.TextBox, ValueStorageType.Nvarchar, "content");
        Add(aliases.SmsEnabled, Constants.PropertyEditors.Aliases.Boolean, ValueStorageType.Integer, "sms");
        Add(aliases.SmsText, Constants.PropertyEditors.Aliases.TextArea, ValueStorageType.Ntext, "sms");
        Add(aliases.SmsPackage, Constants.PropertyEditors.Aliases.TextBox, ValueStorageType.Nvarchar, "sms");
        Add(aliases.SmsAreas, Constants.PropertyEditors.Aliases.TextArea, ValueStorageType.Ntext, "sms");
        Add(aliases.SmsReminders, Constants.PropertyEditors.Aliases.TextBox, ValueStorageType.Nvarchar, "sms");
        return type;
    }

    /// <summary>The published version of <paramref name="page"/> (the draft when nothing was published yet) as Core content.</summary>
    public CoreContent ContentOf(SitePage page, AreaCatalog catalog)
    {
        var values = page.Published ?? page.Draft;
        var aliases = editors.Value.Properties;
        var content = new CoreContent(values.Title, -1, TypeOf(page.DocumentType))
        {
            Id = page.Id,
            Key = page.Key,
            CreateDate = page.CreatedAt.UtcDateTime,
            UpdateDate = page.UpdatedAt.UtcDateTime,
        };
        content.SetValue(BodyAlias, values.Body);
        content.SetValue(aliases.EventStart, values.EventStart);
        content.SetValue(aliases.EventLocation, values.Place);
        content.SetValue(aliases.SmsEnabled, values.SmsEnabled ? 1 : 0);
        content.SetValue(aliases.SmsText, values.SmsText);
        content.SetValue(aliases.SmsPackage, values.PackageId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        content.SetValue(aliases.SmsAreas, AreasText(values, catalog));
        // The API's "" (none) is the Editors' "-"; null (the type's defaults) stays blank.
        content.SetValue(aliases.SmsReminders, values.Reminders switch
        {
            null => null,
            var text when string.IsNullOrWhiteSpace(text) => ReminderOffsetsFormat.None,
            var text => text,
        });
        return content;
    }

    /// <summary>City parts by name, streets as "part/street"; blank = the whole town. Ids the catalog no longer has are left out.</summary>
    public static string AreasText(PageContent values, AreaCatalog catalog)
    {
        var parts = catalog.Parts.Where(p => values.CityPartIds.Contains(p.Part.Id)).Select(p => p.Part.Name);
        var streets = catalog.Parts.SelectMany(p => p.Streets.Where(s => values.StreetIds.Contains(s.Id)).Select(s => $"{p.Part.Name}/{s.Name}"));
        return string.Join(", ", parts.Concat(streets));
    }
}
