using System.Text.RegularExpressions;

namespace Studenka.Umbraco.Notifications.Tests.Persistence;

/// <summary>
/// One owner per table: only the feature folder that owns a table writes it; the others call that
/// feature's operations (Delivery's snapshot, cancel-pending and forget-address; Campaigns' state
/// transitions; Subscriptions' address moves). The package's C# source is scanned for writes.
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
        ["subscription_settings"] = "Subscriptions",
        ["inbound_replies"] = "Subscriptions",
        ["manage_sessions"] = "Web",
        ["runtime_settings"] = "Settings",
    };

    [GeneratedRegex(@"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)\b")]
    private static partial Regex Write();

    private static string PackageSource()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "Studenka.Umbraco.Notifications")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("The repository root was not found above the test binaries."), "Studenka.Umbraco.Notifications");
    }

    [Fact]
    public void Every_table_is_written_only_from_the_folder_of_the_feature_that_owns_it()
    {
        var root = PackageSource();
        var foreign = new List<string>();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal) || relative == "Persistence/Migrations.cs")
            {
                continue;
            }

            var folder = relative.Split('/')[0];
            foreach (Match match in Write().Matches(File.ReadAllText(file)))
            {
                var table = match.Groups[1].Value;
                if (!Owners.TryGetValue(table, out var owner))
                {
                    continue; // An English word after UPDATE in a comment, not a table.
                }

                written.Add(table);
                if (owner != folder)
                {
                    foreign.Add($"{relative} writes {table} (owned by {owner})");
                }
            }
        }

        Assert.Empty(foreign);
        // The scan must see the writes it guards, or it proves nothing.
        Assert.Superset(new HashSet<string>(["campaigns", "outbox", "subscriber_addresses", "subscribers"]), written);
    }

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+([a-z_]+)\b")]
    private static partial Regex Read();

    /// <summary>
    /// Delivery's hot statements (claim, mark, snapshot, resend) need the campaign's state and the
    /// subscribers' phones: they take them through Campaigns' and Subscriptions' own SQL fragments
    /// (<c>CampaignTransitions.IsBeingSent</c>, <c>SubscriberAudience</c>), so a change to those
    /// tables is made in one folder.
    /// </summary>
    [Fact]
    public void Delivery_reads_other_features_tables_only_through_their_operations()
    {
        var root = Path.Combine(PackageSource(), "Delivery");
        var foreign = new List<string>();
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in Read().Matches(File.ReadAllText(file)))
            {
                var table = match.Groups[1].Value;
                if (Owners.TryGetValue(table, out var owner))
                {
                    read.Add(table);
                    if (owner != "Delivery")
                    {
                        foreign.Add($"Delivery/{Path.GetFileName(file)} reads {table} (owned by {owner})");
                    }
                }
            }
        }

        Assert.Empty(foreign);
        Assert.Contains("outbox", read);
    }
}
