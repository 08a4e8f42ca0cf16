using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Studenka.Umbraco.Site.BrowserTests;

/// <summary>
/// axe-core over each page as it stands, at a desktop and a phone width, with a screenshot of
/// each. Serious and critical findings fail the test; every finding goes to a report beside the
/// screenshots (axe-report-{name}.txt), so the moderate ones can be read too.
/// </summary>
public sealed class AxeScan(IPage page, string reportName)
{
    public static readonly int[] Widths = [1280, 375];

    private static readonly HashSet<string> Failing = new(StringComparer.Ordinal) { "serious", "critical" };

    // WCAG 2.2's target size (2.5.8) is part of what the town promises; make sure axe checks it.
    private static readonly AxeRunOptions Options = new()
    {
        Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new RuleOptions { Enabled = true } },
    };

    private readonly List<string> _failures = [];
    private readonly StringBuilder _report = new();

    public int PagesScanned { get; private set; }

    /// <summary>Scans what the page shows now; <paramref name="name"/> names the screenshots and report lines.</summary>
    public async Task ScanAsync(string name)
    {
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, width >= 1000 ? 900 : 812);
            var result = await page.RunAxe(Options);
            await Artifacts.ScreenshotAsync(page, $"axe-{name}-{width}");
            _report.AppendLine($"== {name} at {width} px ({page.Url}): {result.Violations.Length} rule(s) violated");
            foreach (var violation in result.Violations)
            {
                var text = Describe(name, width, violation);
                _report.AppendLine(text);
                if (Failing.Contains(violation.Impact ?? string.Empty))
                {
                    _failures.Add(text);
                }
            }
        }

        PagesScanned++;
    }

    /// <summary>Writes the report and fails with the readable list of serious and critical violations.</summary>
    public void AssertNoSeriousViolations()
    {
        File.WriteAllText(Path.Combine(Artifacts.Folder, $"axe-report-{reportName}.txt"), _report.ToString());
        Assert.True(_failures.Count == 0, $"axe-core found {_failures.Count} serious or critical violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, _failures)}");
    }

    private static string Describe(string name, int width, AxeResultItem violation)
    {
        var text = new StringBuilder($"[{violation.Impact}] {name} at {width} px: {violation.Id}: {violation.Help} ({violation.HelpUrl})");
        foreach (var node in violation.Nodes.Take(5))
        {
            var why = string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)));
            text.AppendLine().Append($"    {node.Target}: {Shorten(node.Html)}").AppendLine().Append($"      {why}");
        }

        if (violation.Nodes.Length > 5)
        {
            text.AppendLine().Append($"    … and {violation.Nodes.Length - 5} more element(s)");
        }

        return text.ToString();
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
