using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests.Operators;

/// <summary>The real Site plus <see cref="ProbeController"/>.</summary>
internal static class ProbeSite
{
    public const string Path = "/umbraco/sms/api/v1/test-probe";

    public static WebApplicationFactory<Program> WithProbe(this StudenkaSiteFactory site) =>
        site.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<ProbeCalls>();
            s.AddControllers().AddApplicationPart(typeof(ProbeController).Assembly);
        }));
}
