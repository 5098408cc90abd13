using Ordo.Core.Engine;

namespace Ordo.Server.Auth;

/// <summary>Resolves <c>Authorization: Bearer &lt;key&gt;</c> to a caller: a stored native key, or the bootstrap admin key.</summary>
public sealed class NativeAuthenticator(CredentialLookup credentials, ServerOptions options)
{
    public async Task<Caller?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = header[prefix.Length..].Trim();
        if (key.Length is 0 or > 512)
        {
            return null;
        }

        if (options.AdminKey is { Length: > 0 } admin && Secrets.FixedTimeEquals(key, admin))
        {
            return new Caller(null, null, Scopes.All);
        }

        // The lookup is by hash, so timing reveals nothing about stored keys.
        var credential = await credentials.FindAsync(OrderEngine.NativeDialect, Secrets.Hash(key), cancellationToken);
        return credential is null ? null : new Caller(credential.AccountId, credential.Id, credential.Scopes);
    }
}
