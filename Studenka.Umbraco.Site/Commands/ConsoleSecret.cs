using System.Text;

namespace Studenka.Umbraco.Site;

/// <summary>Reads a secret from the terminal without showing it.</summary>
internal static class ConsoleSecret
{
    public static string? Read(string prompt)
    {
        Console.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}
