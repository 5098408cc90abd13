namespace Ordo.Core.Ledger;

/// <summary>Accounts every database has from its first migration.</summary>
public static class SystemAccounts
{
    /// <summary>Receives fees (cancel fees, trading fees).</summary>
    public const long Platform = 1;

    /// <summary>The outside world: the other side of deposits; its balance is minus all deposits.</summary>
    public const long External = 2;

    /// <summary>First id given to a tenant account.</summary>
    public const long FirstTenant = 100;

    /// <summary>The platform or the external account: they hold fees and the other side of deposits, and act for no one.</summary>
    public static bool IsSystem(long accountId) => accountId is Platform or External;
}
