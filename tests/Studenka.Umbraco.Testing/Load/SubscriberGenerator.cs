using System.Globalization;
using Studenka.Umbraco.Notifications.Subscriptions;

namespace Studenka.Umbraco.Testing.Load;

/// <summary>One generated resident: phone, topic packages and 1–3 addresses.</summary>
public sealed record GeneratedSubscriber(string Phone, IReadOnlyList<int> Packages, IReadOnlyList<(long PartId, long? StreetId)> Addresses);

/// <summary>
/// Plausible residents, reproducible from a seed. Everyone takes the crisis package (directly or
/// through "Vše"), so a whole-town crisis campaign reaches every generated subscriber and the
/// expected recipient count is simply the number added. Phones are +420 60x xxx xxx, unique by number.
/// </summary>
public sealed class SubscriberGenerator(int seed, IReadOnlyList<(long PartId, long? StreetId)> areas)
{
    private const long FirstPhone = 601_000_000;
    private readonly Random _random = new(seed);

    public static string PhoneOf(long number) =>
        "+420" + (FirstPhone + number).ToString(CultureInfo.InvariantCulture);

    public GeneratedSubscriber Next(long number)
    {
        if (areas.Count == 0)
        {
            throw new InvalidOperationException("The database has no city parts; seed the areas first.");
        }

        return new GeneratedSubscriber(PhoneOf(number), Packages(), Addresses());
    }

    private List<int> Packages()
    {
        // A third takes everything; the rest take crisis news plus any of the topics 2–4.
        if (_random.Next(3) == 0)
        {
            return [TopicPackages.Everything];
        }

        var packages = new List<int> { TopicPackages.Crisis };
        for (var topic = 2; topic <= 4; topic++)
        {
            if (_random.Next(2) == 0)
            {
                packages.Add(topic);
            }
        }

        return packages;
    }

    private List<(long, long?)> Addresses()
    {
        // Most residents give one address; some add work and a cottage (positions 1–3).
        var count = _random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        return Enumerable.Range(0, count).Select(_ => areas[_random.Next(areas.Count)]).ToList();
    }
}
