using Ordo.Core.Accounts;
using Ordo.Core.Store;

namespace Ordo.Server.Auth;

/// <summary>
/// Finds the credential a request presents, for every dialect: a live one (the store never returns a
/// revoked credential), and a demo credential only when the server runs with <c>--demo</c>, since
/// the demo's secrets are published. Found credentials are kept in this node's
/// <see cref="CredentialCache"/>, which a change to credentials empties before it is answered on this
/// node and as soon as the store reports it from elsewhere; a miss is one indexed read.
/// </summary>
public sealed class CredentialLookup(IOrderStore store, ServerOptions options)
{
    public CredentialCache Cache { get; } = new(store);

    public async Task<Credential?> FindAsync(string dialect, string lookupKey, CancellationToken cancellationToken)
    {
        if (Cache.TryFind(dialect, lookupKey, out var kept))
        {
            return Usable(kept);
        }

        var mark = Cache.Mark;
        var found = await store.FindCredentialAsync(dialect, lookupKey, cancellationToken);
        Cache.Keep(dialect, lookupKey, found, mark);
        return Usable(found);
    }

    /// <summary>The credential a token names, checked on each request so a revoked one stops its tokens at once.</summary>
    public async Task<Credential?> GetAsync(long id, CancellationToken cancellationToken)
    {
        if (Cache.TryGet(id, out var kept))
        {
            return Usable(kept);
        }

        var mark = Cache.Mark;
        var found = await store.GetCredentialAsync(id, cancellationToken);
        Cache.Keep(id, found, mark);
        return Usable(found);
    }

    private Credential? Usable(Credential? credential) => credential is { Demo: true } && !options.Demo ? null : credential;
}
