using System.Text.Json.Serialization;

namespace Studenka.Umbraco.Notifications.Settings;

// What the settings API accepts; a member it does not know is a 400, as everywhere in the API.

/// <summary>Packages missing from the list have no quiet hours.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QuietHoursRequest(List<QuietWindowRequest?>? QuietHours);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QuietWindowRequest(int? PackageId, string? Start, string? End);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PriceRequest(decimal? PricePerSegmentCzk);

/// <summary>Per role the senders it may choose; null = any valid sender.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OriginatorsRequest(List<string?>? Administrator, List<string?>? Editor, List<string?>? Dispatch);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TemplatesRequest(List<TemplateRequest?>? Templates);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TemplateRequest(string? Key, string? Name, int? Package, string? Text);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerificationCapRequest(int? DailyCap);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PrivacyRequest(
    string? ControllerName, string? ControllerIco, string? ControllerAddress, string? ContactEmail, string? ContactPhone,
    string? DataBox, string? DpoName, string? DpoEmail, string? SmsProcessor, string? EmailPurpose);
