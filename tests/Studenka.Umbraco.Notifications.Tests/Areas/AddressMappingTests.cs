using Dapper;
using Studenka.Umbraco.Notifications.Areas;
using Studenka.Umbraco.Notifications.Operators;
using Studenka.Umbraco.Testing;

namespace Studenka.Umbraco.Notifications.Tests.Areas;

public sealed class AddressMappingTests
{
    private static readonly OperatorIdentity Admin = new("spravce", "Jana Nováková");

    [Fact]
    public async Task Mapping_a_street_that_needs_it_moves_its_residents_onto_the_chosen_street_and_part_and_is_audited()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var resident = await db.AddResidentAsync("+420603000001", "Studénka", "Bezručova", "411");
        await db.ImportAsync(RuianCsvFile.Studenka.Where(a => a.Street != "Bezručova"));
        var waiting = await db.StreetIdAsync("Studénka", "Bezručova");
        var target = await db.StreetIdAsync("Butovice", "Butovická");

        var result = await db.Mapping.MapStreetAsync(waiting, target, Admin, CancellationToken.None);

        Assert.Equal(MappingOutcome.Done, result.Outcome);
        Assert.Equal("Bezručova (Studénka) → Butovická (Butovice): 1 adresa", result.Moved!.ToString());
        Assert.Equal(new SeededAreaDatabase.AddressRow("Butovice", "Butovická", null, "411"), await db.AddressOfAsync(resident));
        Assert.Equal(1, await db.ReachedByStreetAsync(target));
        Assert.Empty((await db.Review.NeedingMappingAsync(CancellationToken.None)).Streets);
        Assert.DoesNotContain((await db.Areas.GetCatalogAsync(CancellationToken.None)).Parts.SelectMany(p => p.Streets), s => s.Id == waiting);
        await using var connection = await db.Connections.OpenAsync(CancellationToken.None);
        var entry = await connection.QuerySingleAsync<(string Actor, string Action, string Subject, string Details)>("SELECT actor, action, subject, details FROM audit_log");
        Assert.Equal(("Jana Nováková (spravce)", "areas.map-street", $"street:{waiting}", result.Moved.ToString()), entry);
    }

    [Fact]
    public async Task Mapping_a_typed_street_moves_every_resident_who_wrote_it_however_they_wrote_it()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        var one = await db.AddResidentAsync("+420603000001", "Studénka", null, "3", typedStreet: "U Rybníka");
        var two = await db.AddResidentAsync("+420603000002", "Studénka", null, typedStreet: "u rybnika");
        var elsewhere = await db.AddResidentAsync("+420603000003", "Butovice", null, typedStreet: "U Rybníka");
        var target = await db.StreetIdAsync("Studénka", "Požárnická");

        var result = await db.Mapping.MapUnlistedAsync(await db.PartIdAsync("Studénka"), "U rybníka", target, Admin, CancellationToken.None);

        Assert.Equal((MappingOutcome.Done, 2), (result.Outcome, result.Moved!.Addresses));
        Assert.Equal(new SeededAreaDatabase.AddressRow("Studénka", "Požárnická", null, "3"), await db.AddressOfAsync(one));
        Assert.Equal(new SeededAreaDatabase.AddressRow("Studénka", "Požárnická", null, null), await db.AddressOfAsync(two));
        Assert.Equal(new SeededAreaDatabase.AddressRow("Butovice", null, "U Rybníka", null), await db.AddressOfAsync(elsewhere));
        Assert.Equal(2, await db.ReachedByStreetAsync(target));
    }

    [Fact]
    public async Task A_register_street_is_not_mapped_and_nothing_moves()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.ImportAsync(RuianCsvFile.Studenka);
        var resident = await db.AddResidentAsync("+420603000001", "Butovice", "Malá strana");

        var result = await db.Mapping.MapStreetAsync(await db.StreetIdAsync("Butovice", "Malá strana"), await db.StreetIdAsync("Butovice", "Matiční"), Admin, CancellationToken.None);

        Assert.Equal(MappingOutcome.Refused, result.Outcome);
        Assert.Contains("na přiřazení nečeká", result.Reason, StringComparison.Ordinal);
        Assert.Equal("Malá strana", (await db.AddressOfAsync(resident)).Street);
    }

    [Fact]
    public async Task The_target_must_be_a_valid_street_that_needs_no_mapping_itself()
    {
        await using var db = await SeededAreaDatabase.CreateAsync();
        await db.AddResidentAsync("+420603000001", "Studénka", "Bezručova");
        await db.AddResidentAsync("+420603000002", "Butovice", "Bezručova");
        await db.ImportAsync(RuianCsvFile.Studenka.Where(a => a.Street != "Bezručova"));
        var waiting = await db.StreetIdAsync("Studénka", "Bezručova");

        var none = await db.Mapping.MapStreetAsync(waiting, null, Admin, CancellationToken.None);
        var unknown = await db.Mapping.MapStreetAsync(waiting, 99_999, Admin, CancellationToken.None);
        var retired = await db.Mapping.MapStreetAsync(waiting, await db.StreetIdAsync("Butovice", "nám. Republiky"), Admin, CancellationToken.None);
        var alsoWaiting = await db.Mapping.MapStreetAsync(waiting, await db.StreetIdAsync("Butovice", "Bezručova"), Admin, CancellationToken.None);
        var missing = await db.Mapping.MapStreetAsync(99_999, await db.StreetIdAsync("Butovice", "Matiční"), Admin, CancellationToken.None);

        Assert.All([none, unknown, retired, alsoWaiting], r => Assert.Equal(MappingOutcome.Invalid, r.Outcome));
        Assert.Contains("sama čeká na přiřazení", alsoWaiting.Errors!["streetId"], StringComparison.Ordinal);
        Assert.Equal(MappingOutcome.NotFound, missing.Outcome);
        Assert.Equal(2, (await db.Review.NeedingMappingAsync(CancellationToken.None)).Streets.Sum(s => s.Addresses));
    }
}
