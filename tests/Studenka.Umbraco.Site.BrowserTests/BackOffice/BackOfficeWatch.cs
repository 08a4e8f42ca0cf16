using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Studenka.Umbraco.Site.BrowserTests.BackOffice;

/// <summary>
/// The client's boot contract, watched on a page: uncaught errors and console errors from the
/// package's code, and Management API calls the Site does not answer (404 or 5xx). Errors from the
/// backoffice's own code are kept for the test output but do not fail the test.
/// </summary>
public sealed class BackOfficeWatch
{
    public const string PackagePath = "/App_Plugins/Studenka.Notifications/";

    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _others = new();

    public BackOfficeWatch(IPage page)
    {
        page.PageError += (_, error) => (error.Contains(PackagePath, StringComparison.Ordinal) ? _problems : _others).Enqueue("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                var ours = message.Location.Contains(PackagePath, StringComparison.Ordinal) || message.Text.Contains(PackagePath, StringComparison.Ordinal);
                (ours ? _problems : _others).Enqueue($"console error at {message.Location}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path.StartsWith("/umbraco/management/api/", StringComparison.Ordinal) && (response.Status == 404 || response.Status >= 500))
            {
                _problems.Enqueue($"unanswered management call: {response.Status} {response.Request.Method} {response.Url}");
            }
            else if (path.StartsWith("/umbraco/sms/api/", StringComparison.Ordinal) && response.Status >= 500)
            {
                _problems.Enqueue($"SMS API failed: {response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>Fails with every problem seen so far (and the backoffice's own errors, for context).</summary>
    public void AssertClean()
    {
        Assert.True(_problems.IsEmpty, string.Join(Environment.NewLine, _problems.Concat(_others.Select(o => "(backoffice) " + o))));
    }
}
