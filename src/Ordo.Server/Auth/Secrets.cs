using System.Security.Cryptography;
using System.Text;

namespace Ordo.Server.Auth;

/// <summary>
/// Key material. Keys are 32 random bytes, so a plain SHA-256 is enough to store them: there is
/// nothing to brute-force, and lookup by hash stays one index probe.
/// </summary>
public static class Secrets
{
    public static string NewKey(string prefix) =>
        prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
