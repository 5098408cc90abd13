namespace Ordo.Core.Accounts;

/// <summary>
/// A way for an account to authenticate in one dialect. <see cref="LookupKey"/> finds it (a key's
/// hash, a source flag, a public key); <see cref="SecretHash"/> verifies a secret that is only
/// checked; <see cref="SealedSecret"/> holds an encrypted secret that must be re-used (to check
/// a signature). Dialect-specific settings go in <see cref="Attributes"/>.
/// </summary>
public sealed record Credential(
    long Id,
    long AccountId,
    string Dialect,
    string LookupKey,
    string? SecretHash,
    string? SealedSecret,
    IReadOnlyList<string> Scopes,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset CreatedAt)
{
    /// <summary>A demo credential: its secret is published, so only a server in demo mode accepts it.</summary>
    public bool Demo { get; init; }

    /// <summary>When the credential was revoked; a revoked credential authenticates no one.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    public bool Has(string scope) => Scopes.Contains(scope);
}
