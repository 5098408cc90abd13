namespace Ordo.Core.Orders;

/// <summary>Who asked for a change: recorded on every event and on a cancel.</summary>
public enum ActorKind
{
    /// <summary>The account that owns the order.</summary>
    Owner,

    /// <summary>An operator (admin credential).</summary>
    Operator,

    /// <summary>The engine itself: expiry, guards.</summary>
    System,

    /// <summary>A party that executes orders (energy seller, p2p provider).</summary>
    Executor,
}
