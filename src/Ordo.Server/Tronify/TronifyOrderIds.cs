using System.Security.Cryptography;

namespace Ordo.Server.Tronify;

/// <summary>Tronify order and sale ids: 32 random lower-case base-36 characters as 8_4_4_4_12 (36 characters).</summary>
public static class TronifyOrderIds
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly int[] Groups = [8, 4, 4, 4, 12];

    public static string New()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 32);
        return string.Join('_', Groups.Select((length, i) => new string(chars, Groups.Take(i).Sum(), length)));
    }

    public static bool IsWellFormed(string text)
    {
        var parts = text.Split('_');
        return text.Length == 36
            && parts.Length == Groups.Length
            && parts.Select((part, i) => part.Length == Groups[i] && part.All(c => Alphabet.Contains(c))).All(ok => ok);
    }
}
