namespace Studenka.Umbraco.Notifications.Subscriptions;

public sealed record TopicPackage(int Id, string Name, string Description);

/// <summary>The town's topic packages. Package 5 is not a topic but a promise: everything, now and later.</summary>
public static class TopicPackages
{
    public const int Crisis = 1;
    public const int Everything = 5;

    public static IReadOnlyList<TopicPackage> All { get; } =
    [
        new(1, "Krizové zprávy", "Nehody, povodně, únik nebezpečných látek"),
        new(2, "Provozní informace", "Odstávky elektřiny, plynu a vody, ztráty a nálezy (i psi), prodej městského majetku, zprávy městské a státní policie"),
        new(3, "Úřad a samospráva", "Zasedání zastupitelstva, volná místa na úřadě, dotace, činnost úřadu, volby"),
        new(4, "Kultura, sport, společnost", "Kulturní, sportovní a společenské akce"),
        new(Everything, "Vše", "Všechny zprávy výše, i balíčky přidané v budoucnu"),
    ];

    public static bool Exists(int id) => All.Any(p => p.Id == id);

    /// <summary>
    /// Whether a subscriber with these packages receives a message of <paramref name="messagePackage"/>.
    /// Package 5 receives every package, including ones added after the subscriber signed up.
    /// </summary>
    public static bool Receives(IEnumerable<int> subscribed, int messagePackage)
    {
        var set = subscribed as IReadOnlyCollection<int> ?? subscribed.ToList();
        return set.Contains(Everything) || set.Contains(messagePackage);
    }

    /// <summary>Stored selection: choosing 5 makes the other boxes redundant, so only 5 is kept.</summary>
    public static IReadOnlyList<int> Normalize(IEnumerable<int> chosen)
    {
        var distinct = chosen.Distinct().Order().ToList();
        return distinct.Contains(Everything) ? [Everything] : distinct;
    }
}
