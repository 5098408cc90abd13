using System.Globalization;

namespace Ordo.Server.Feee;

/// <summary>Feee order numbers: 22 digits, the creation date as <c>YYMMDD</c> then the order id in 16 digits (unique, as ids are).</summary>
public static class FeeeNumbers
{
    public static string Make(long id, DateTimeOffset createdAt) =>
        createdAt.UtcDateTime.ToString("yyMMdd", CultureInfo.InvariantCulture) + id.ToString("D16", CultureInfo.InvariantCulture);

    public static bool IsWellFormed(string text) => text.Length == 22 && text.All(char.IsAsciiDigit);
}
