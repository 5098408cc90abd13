using Ordo.Core.Orders;

namespace Ordo.Server.Auth;

/// <summary>
/// A caller of a platform dialect (Feee key, Tronify channel): always the owner of one account's
/// orders, never an operator. Rate limits are kept per credential.
/// </summary>
public sealed record DialectCaller(string Dialect, long AccountId, long CredentialId)
{
    public Actor Owner => Actor.Owner(AccountId);

    public string CredentialKey => $"{Dialect}:{CredentialId}";
}
