using Ordo.Core.Accounts;
using Ordo.Core.Engine;
using Ordo.Server.Native;

namespace Ordo.Server.Auth;

/// <summary>Issues native API keys: the key is returned once; only its hash is stored.</summary>
public sealed class NativeKeys
{
    public const string Prefix = "ordo_";

    public async Task<CredentialDto?> IssueAsync(Administration administration, long accountId, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var key = Secrets.NewKey(Prefix);
        var credential = await administration.AddCredentialAsync(
            new Credential(0, accountId, OrderEngine.NativeDialect, Secrets.Hash(key), null, null, scopes, new Dictionary<string, string>(), default),
            cancellationToken);
        return credential is null
            ? null
            : new CredentialDto(credential.Id, accountId, credential.Dialect, credential.Scopes, key, credential.CreatedAt);
    }
}
