namespace Ordo.Core.Ledger;

/// <summary>The two halves of a balance: free to use, or held for open orders.</summary>
public enum Bucket
{
    Available,
    Locked,
}
