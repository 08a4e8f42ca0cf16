using System.Text.RegularExpressions;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

/// <summary>
/// One owner per table: only the feature folder that owns a table writes it; the others call that
/// feature's operations (Delivery's snapshot, cancel-pending and forget-address; Campaigns' state
/// transitions; Subscriptions' address moves and reads). The package's C# source is scanned for
/// writes, and for reads (FROM / JOIN) of another feature's table outside the few listed below.
/// </summary>
public sealed partial class TableOwnershipTests
{
    private static readonly Dictionary<string, string> Owners = new(StringComparer.Ordinal)
    {
        ["city_parts"] = "Areas",
        ["streets"] = "Areas",
        ["address_points"] = "Areas",
        ["ruian_import_jobs"] = "Areas",
        ["campaigns"] = "Campaigns",
        ["campaign_city_parts"] = "Campaigns",
        ["campaign_streets"] = "Campaigns",
        ["outbox"] = "Delivery",
        ["delivery_pause"] = "Delivery",
        ["delivery_nodes"] = "Delivery",
        ["sandbox_sms"] = "Gateway",
        ["sandbox_emails"] = "Email",
        ["webhook_token_ids"] = "Gateway",
        ["operators"] = "Operators",
        ["audit_log"] = "Operators",
        ["operator_login_failures"] = "Operators",
        ["installation_secrets"] = "Persistence",
        ["schema_migrations"] = "Persistence",
        ["subscribers"] = "Subscriptions",
        ["subscriber_packages"] = "Subscriptions",
        ["subscriber_addresses"] = "Subscriptions",
        ["packages"] = "Subscriptions",
        ["verification_codes"] = "Subscriptions",
        ["verification_sms_log"] = "Subscriptions",
        ["verification_cap_alerts"] = "Subscriptions",
        ["subscription_stats"] = "Subscriptions",
        ["subscriber_history"] = "Subscriptions",
        ["email_verifications"] = "Subscriptions",
        ["inbound_replies"] = "Subscriptions",
        ["manage_sessions"] = "Web",
        ["runtime_settings"] = "Settings",
        ["page_announcements"] = "Editors",
        ["reminders"] = "Reminders",
        ["recurring_announcements"] = "Reminders",
    };

    /// <summary>
    /// The reads of another feature's tables that stay, each for a reason: the other table only names
    /// and checks what is read (Subscriptions shows and reviews addresses with the town's parts, streets
    /// and points). Delivery's hot statements (claim, mark, snapshot, resend) need the campaign's state
    /// and the subscribers' phones in the same statement: they take them through Campaigns' and
    /// Subscriptions' own SQL fragments (<c>CampaignTransitions.IsBeingSent</c>, <c>SubscriberAudience</c>),
    /// so a change to those tables is made in one folder and Delivery is not listed here.
    /// </summary>
    private static readonly Dictionary<string, string[]> AllowedForeignReads = new(StringComparer.Ordinal)
    {
        ["Subscriptions/SubscriberRepository.cs"] = ["city_parts", "streets"],
        ["Subscriptions/SubscriberDirectory.cs"] = ["city_parts", "streets"],
        ["Subscriptions/SubscriberAddressReads.cs"] = ["address_points", "city_parts", "streets"],
    };

    [GeneratedRegex(@"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)\b")]
    private static partial Regex Write();

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+([a-z_]+)\b")]
    private static partial Regex Read();

    /// <summary>Each C# file of the package (relative path, feature folder, text), without build output and the old inline migrations.</summary>
    private static IEnumerable<(string Relative, string Folder, string Text)> SourceFiles()
    {
        var root = PackageSource();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal) || relative == "Persistence/Migrations.cs")
            {
                continue;
            }

            yield return (relative, relative.Split('/')[0], File.ReadAllText(file));
        }
    }

    private static string PackageSource()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "Studenka.Umbraco.Notifications")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("The repository root was not found above the test binaries."), "Studenka.Umbraco.Notifications");
    }

    /// <summary>Every table a pattern names in the package's SQL; words that are no table (English in a comment) are skipped.</summary>
    private static List<(string Relative, string Folder, string Table, string Owner)> TablesNamed(Regex pattern) =>
        (from file in SourceFiles()
         from Match match in pattern.Matches(file.Text)
         let table = match.Groups[1].Value
         where Owners.ContainsKey(table)
         select (file.Relative, file.Folder, table, Owners[table])).ToList();

    [Fact]
    public void Every_table_is_written_only_from_the_folder_of_the_feature_that_owns_it()
    {
        var writes = TablesNamed(Write());

        Assert.Empty(writes.Where(w => w.Owner != w.Folder).Select(w => $"{w.Relative} writes {w.Table} (owned by {w.Owner})"));
        // The scan must see the writes it guards, or it proves nothing.
        Assert.Superset(new HashSet<string>(["campaigns", "outbox", "subscriber_addresses", "subscribers"]), writes.Select(w => w.Table).ToHashSet());
    }

    [Fact]
    public void Another_features_table_is_read_only_where_one_statement_needs_both()
    {
        var reads = TablesNamed(Read());

        Assert.Empty(reads
            .Where(r => r.Owner != r.Folder && !(AllowedForeignReads.TryGetValue(r.Relative, out var allowed) && allowed.Contains(r.Table)))
            .Select(r => $"{r.Relative} reads {r.Table} (owned by {r.Owner})").Distinct());
        Assert.Superset(new HashSet<string>(["campaigns", "outbox", "streets", "subscriber_addresses", "subscribers"]), reads.Select(r => r.Table).ToHashSet());
    }
}
