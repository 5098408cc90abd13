using Ordo.Core.Accounts;
using Ordo.Core.Engine;
using Ordo.Core.Store;
using Ordo.Server.Native;

namespace Ordo.Server.Auth;

/// <summary>
/// Issues credentials for every dialect. Keys (native, Feee) are stored as hashes and found by
/// them; a Tronify channel is found by its source flag, and its secret, needed again to check each
/// <c>flag</c> signature, is stored sealed by <see cref="SecretBox"/>. Secret material is returned once.
/// Demo mode passes fixed secrets; everything else gets 32 random bytes. A fixed secret is published
/// (README, demo banner), so its credential is marked demo: only a server run with --demo accepts it.
/// </summary>
public sealed class CredentialIssuer(Administration administration, SecretBox box)
{
    public const string NativePrefix = "ordo_";
    public const string FeeePrefix = "ordo_feee_";

    /// <summary>What a Feee or Tronify credential may do: read and change its own account's orders.</summary>
    public static readonly IReadOnlyList<string> DialectScopes = [Scopes.OrdersRead, Scopes.OrdersWrite];

    public async Task<IssuedCredential> NativeAsync(long accountId, IReadOnlyList<string> scopes, string? fixedKey = null, CancellationToken cancellationToken = default, Action<IOrderTransaction, IssuedCredential>? sameWrite = null)
    {
        var key = fixedKey ?? Secrets.NewKey(NativePrefix);
        return await AddAsync(new Credential(0, accountId, DialectNames.Native, Secrets.Hash(key), null, null, scopes, NoAttributes, default) { Demo = fixedKey is not null }, issued => issued.With(key: key), sameWrite, cancellationToken);
    }

    public async Task<IssuedCredential> FeeeAsync(long accountId, string? fixedKey = null, CancellationToken cancellationToken = default, Action<IOrderTransaction, IssuedCredential>? sameWrite = null)
    {
        var key = fixedKey ?? Secrets.NewKey(FeeePrefix);
        return await AddAsync(new Credential(0, accountId, DialectNames.Feee, Secrets.Hash(key), null, null, DialectScopes, NoAttributes, default) { Demo = fixedKey is not null }, issued => issued.With(key: key), sameWrite, cancellationToken);
    }

    public async Task<IssuedCredential> TronifyAsync(long accountId, string sourceFlag, string? fixedSecret = null, CancellationToken cancellationToken = default, Action<IOrderTransaction, IssuedCredential>? sameWrite = null)
    {
        var secret = fixedSecret ?? Secrets.NewKey("");
        var sealedSecret = box.Seal(secret, TronifyBinding(sourceFlag));
        return await AddAsync(new Credential(0, accountId, DialectNames.Tronify, sourceFlag, null, sealedSecret, DialectScopes, NoAttributes, default) { Demo = fixedSecret is not null }, issued => issued.With(secret: secret, sourceFlag: sourceFlag), sameWrite, cancellationToken);
    }

    /// <summary>
    /// A tanX user: an Ethereum address that logs in by signing a nonce. Nothing secret is stored or
    /// returned; the demo's address is marked demo all the same, since its private key is published.
    /// </summary>
    public async Task<IssuedCredential> TanxAsync(long accountId, string ethAddress, bool demo = false, CancellationToken cancellationToken = default, Action<IOrderTransaction, IssuedCredential>? sameWrite = null)
    {
        var address = ethAddress.ToLowerInvariant();
        return await AddAsync(new Credential(0, accountId, DialectNames.Tanx, address, null, null, DialectScopes, NoAttributes, default) { Demo = demo },
            issued => issued with { Credential = issued.Credential! with { EthAddress = address } }, sameWrite, cancellationToken);
    }

    /// <summary>A Fungies key pair: the public key names it, the secret key (stored hashed) signs writes; read or write access.</summary>
    public async Task<IssuedCredential> FungiesAsync(long accountId, bool write, string? fixedPublicKey = null, string? fixedSecretKey = null, CancellationToken cancellationToken = default, Action<IOrderTransaction, IssuedCredential>? sameWrite = null)
    {
        var publicKey = fixedPublicKey ?? Secrets.NewKey("pub_")[..36];
        var secretKey = fixedSecretKey ?? Secrets.NewKey("sec_");
        IReadOnlyList<string> scopes = write ? DialectScopes : [Scopes.OrdersRead];
        return await AddAsync(new Credential(0, accountId, DialectNames.Fungies, publicKey, Secrets.Hash(secretKey), null, scopes, NoAttributes, default) { Demo = fixedSecretKey is not null },
            issued => issued with { Credential = issued.Credential! with { PublicKey = publicKey, SecretKey = secretKey, Access = write ? "write" : "read" } }, sameWrite, cancellationToken);
    }

    /// <summary>A XendBridge third party: a <c>secretKey</c>, stored hashed.</summary>
    public async Task<IssuedCredential> XendBridgeAsync(long accountId, string? fixedSecretKey = null, CancellationToken cancellationToken = default, Action<IOrderTransaction, IssuedCredential>? sameWrite = null)
    {
        var secretKey = fixedSecretKey ?? Secrets.NewKey("");
        return await AddAsync(new Credential(0, accountId, DialectNames.XendBridge, Secrets.Hash(secretKey), null, null, DialectScopes, NoAttributes, default) { Demo = fixedSecretKey is not null },
            issued => issued with { Credential = issued.Credential! with { SecretKey = secretKey } }, sameWrite, cancellationToken);
    }

    public static bool IsEthAddress(string text) => text.Length == 42 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text[2..].All(char.IsAsciiHexDigit);

    /// <summary>The associated data a Tronify secret is sealed with: it only opens for its own channel.</summary>
    public static string TronifyBinding(string sourceFlag) => $"{DialectNames.Tronify}:{sourceFlag}";

    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    /// <param name="shown">Adds what the caller is shown of a new credential (its secret, shown this once).</param>
    /// <param name="sameWrite">The caller's addition to the credential's own transaction, run with what is shown.</param>
    private async Task<IssuedCredential> AddAsync(
        Credential credential, Func<IssuedCredential, IssuedCredential> shown, Action<IOrderTransaction, IssuedCredential>? sameWrite, CancellationToken cancellationToken)
    {
        var result = await administration.AddCredentialAsync(
            credential, cancellationToken, sameWrite is null ? null : (tx, added) => sameWrite(tx, Shown(added, shown)));
        return Shown(result, shown);
    }

    private static IssuedCredential Shown(CredentialResult result, Func<IssuedCredential, IssuedCredential> shown) =>
        result.Credential is { } c
            ? shown(new IssuedCredential(result.Status, new CredentialDto(c.Id, c.AccountId, c.Dialect, c.Scopes, null, null, null, null, c.CreatedAt)))
            : new IssuedCredential(result.Status, null);
}

/// <summary>The outcome of issuing a credential; <see cref="Credential"/> carries the secret material, shown once.</summary>
public sealed record IssuedCredential(CredentialStatus Status, CredentialDto? Credential)
{
    public IssuedCredential With(string? key = null, string? secret = null, string? sourceFlag = null) =>
        Credential is null ? this : this with { Credential = Credential with { Key = key, Secret = secret, SourceFlag = sourceFlag } };
}
