using Microsoft.AspNetCore.Mvc;
using Studenka.Umbraco.Notifications.Web.Management;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>Counts the calls that reached the action, so a test can prove a refused request did nothing.</summary>
public sealed class ProbeCalls
{
    private int _count;

    public int Count => _count;

    public void Record() => Interlocked.Increment(ref _count);
}

/// <summary>
/// A management endpoint that changes state (a counter), added only to test hosts: the rules of
/// the base class (operator required, no cross-site writes, JSON only) are checked on it, the same
/// way they hold for the campaign endpoints.
/// </summary>
[Route(RoutePrefix + "/test-probe")]
public sealed class ProbeController(ProbeCalls calls) : ManagementApiControllerBase
{
    [HttpPost("")]
    public IActionResult Post()
    {
        calls.Record();
        return NoContent();
    }
}
