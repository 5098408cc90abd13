using System.Security.Cryptography;

namespace Ordo.Server.Fungies;

/// <summary>Store order numbers: 12 random upper-case letters and digits. Every purchase is numbered so, whichever API placed it.</summary>
public static class FungiesNumbers
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, 12));

    public static bool IsWellFormed(string text) => text.Length == 12 && text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
