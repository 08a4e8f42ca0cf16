using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Site.IntegrationTests;

public sealed class DataProtectionAcrossNodesTests
{
    [Fact]
    public void Two_Sites_on_one_database_read_each_others_protected_data()
    {
        // Different folders, one database: only the database can carry the key ring across.
        using var first = new StudenkaSiteFactory();
        using var second = new StudenkaSiteFactory(new Dictionary<string, string?> { ["Studenka:Persistence:ConnectionString"] = first.ConnectionString });
        const string purpose = "Studenka.Manage";

        var fromFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("relace 42");
        var fromSecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("relace 43");

        Assert.Equal("relace 42", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(fromFirst));
        Assert.Equal("relace 43", first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(fromSecond));
    }
}
