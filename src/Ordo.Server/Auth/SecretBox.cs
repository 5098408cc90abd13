using System.Security.Cryptography;
using System.Text;

namespace Ordo.Server.Auth;

/// <summary>
/// Encrypts secrets that must be used again to check a signature (Tronify's channel secret), so
/// the database alone never reveals them: AES-256-GCM, a fresh nonce per secret, and the
/// credential's name bound in as associated data so a sealed value cannot be moved to another row.
/// The key is <c>ORDO_SECRETS_KEY</c> (32 bytes, base64) or, when unset, a key file beside the
/// database created on first use and readable by its owner only.
/// </summary>
public sealed class SecretBox
{
    private const string Version = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("the secrets key must be 32 bytes", nameof(key));
        }

        _key = key;
    }

    /// <summary>
    /// The box for a database: the configured key, or (SQLite) the key file beside it. PostgreSQL
    /// needs the configured key: every node seals, opens and signs with it, and no file is beside
    /// a database on another machine.
    /// </summary>
    public static SecretBox ForDatabase(string databasePath, string? configuredKey)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return new SecretBox(Convert.FromBase64String(configuredKey.Trim()));
        }

        if (Hosting.Stores.IsPostgres(databasePath))
        {
            throw new InvalidOperationException(
                "ORDO_SECRETS_KEY is required on PostgreSQL: set it to the same 32-byte key (base64) on every node, " +
                "e.g. from `openssl rand -base64 32`, and keep it with your backups");
        }

        var file = Path.GetFullPath(databasePath) + ".secrets-key";
        if (!File.Exists(file))
        {
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                if (!OperatingSystem.IsWindows())
                {
                    // Owner only, before the key is written into it.
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                stream.Write(Encoding.ASCII.GetBytes(fresh));
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process (the ordo command beside a running server) created it first.
            }
        }

        return new SecretBox(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    /// <summary>A key for one purpose (signing tokens), derived from this box's key: the same for every process on the database.</summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("ordo:" + purpose));

    public string Seal(string secret, string boundTo)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(boundTo));
        return Version + Convert.ToBase64String(output);
    }

    /// <summary>The secret, or null when the value was not sealed by this key for this credential.</summary>
    public string? Open(string sealedSecret, string boundTo)
    {
        if (!sealedSecret.StartsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var input = Convert.FromBase64String(sealedSecret[Version.Length..]);
            var length = input.Length - NonceSize - TagSize;
            if (length < 0)
            {
                return null;
            }

            var plain = new byte[length];
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(boundTo));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception error) when (error is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
