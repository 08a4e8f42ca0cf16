using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Studenka.Umbraco.Notifications.Persistence;

/// <summary>
/// The data-protection key ring in the package database (table <c>data_protection_keys</c>), so
/// every node on one database reads the cookies and antiforgery tokens the others wrote.
/// </summary>
public sealed class DatabaseXmlRepository(IDbConnectionFactory connections) : IXmlRepository
{
    // IXmlRepository is synchronous; the key manager calls it rarely (start, key rotation) and caches the ring.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = connections.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = connections.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

public static class StudenkaDataProtectionBuilderExtensions
{
    /// <summary>Keeps the key ring in the Studénka SMS database (<c>Studenka:Persistence</c>), shared by every node on it.</summary>
    public static IDataProtectionBuilder PersistKeysToStudenkaDatabase(this IDataProtectionBuilder builder)
    {
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IDbConnectionFactory>((o, connections) => o.XmlRepository = new DatabaseXmlRepository(connections));
        return builder;
    }
}
