using Ordo.Core.Accounts;

namespace Ordo.Core.Engine;

public enum CredentialStatus
{
    Added,
    AccountNotFound,

    /// <summary>The dialect already has a credential with this lookup key (a source flag is taken).</summary>
    LookupKeyTaken,

    /// <summary>The platform or external account: it takes no credentials.</summary>
    SystemAccount,
}

public sealed record CredentialResult(CredentialStatus Status, Credential? Credential);
