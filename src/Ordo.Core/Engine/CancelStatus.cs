namespace Ordo.Core.Engine;

public enum CancelStatus
{
    Cancelled,

    /// <summary>An earlier cancel (or expiry into cancelled) already did it; nothing moved now.</summary>
    AlreadyCancelled,

    NotFound,

    /// <summary>Fully filled (or completed) before the cancel.</summary>
    AlreadyFilled,

    /// <summary>The kind's table takes no cancel in this state.</summary>
    NotCancellable,

    /// <summary>The order's cancel window has not opened yet; see the retry time.</summary>
    TooEarly,
}
