using Ordo.Core.Orders;

namespace Ordo.Server.Auth;

/// <summary>
/// Who is calling the native API. An <c>admin</c> key makes the caller an operator, who sees and
/// may cancel every account's orders; any other key sees only its own account's orders.
/// </summary>
public sealed record Caller(long? AccountId, long? CredentialId, IReadOnlyList<string> Scopes)
{
    public bool Has(string scope) => Scopes.Contains(scope);

    public bool IsOperator => Has(Auth.Scopes.Admin);

    /// <summary>The account whose orders this caller sees; null for an operator (all of them).</summary>
    public long? OrderScope => IsOperator ? null : AccountId ?? -1;

    public Actor Actor => IsOperator ? Actor.Operator(AccountId) : Actor.Owner(AccountId ?? -1);

    /// <summary>Who a reported fill comes from: the executing party's account, or an operator.</summary>
    public Actor FillActor => AccountId is { } account && !IsOperator ? Actor.Executor(account) : Actor.Operator(AccountId);

    /// <summary>Names the credential for rate limits and idempotent responses.</summary>
    public string CredentialKey => CredentialId is { } id ? $"native:{id}" : "native:bootstrap";
}
