namespace Ordo.Core.Engine;

public enum DepositStatus
{
    Credited,

    /// <summary>This external id was credited before; nothing changed.</summary>
    Duplicate,

    AccountNotFound,

    /// <summary>The platform or external account: it takes no deposits.</summary>
    SystemAccount,
}
