using Ordo.Core.Accounts;
using Ordo.Core.Store;

namespace Ordo.Server.Auth;

/// <summary>
/// Finds the credential a request presents, for every dialect: a live one (the store never returns a
/// revoked credential), and a demo credential only when the server runs with <c>--demo</c>, since
/// the demo's secrets are published. Each lookup is one indexed read.
/// </summary>
public sealed class CredentialLookup(IOrderStore store, ServerOptions options)
{
    public async Task<Credential?> FindAsync(string dialect, string lookupKey, CancellationToken cancellationToken) =>
        Usable(await store.FindCredentialAsync(dialect, lookupKey, cancellationToken));

    /// <summary>The credential a token names, checked on each request so a revoked one stops its tokens at once.</summary>
    public async Task<Credential?> GetAsync(long id, CancellationToken cancellationToken) =>
        Usable(await store.GetCredentialAsync(id, cancellationToken));

    private Credential? Usable(Credential? credential) => credential is { Demo: true } && !options.Demo ? null : credential;
}
