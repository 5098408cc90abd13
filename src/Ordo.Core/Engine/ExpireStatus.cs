namespace Ordo.Core.Engine;

public enum ExpireStatus
{
    /// <summary>Moved along the kind's expiry row (expired, completed or system-cancelled).</summary>
    Expired,

    NotDue,

    /// <summary>Not found, or the state has no expiry row.</summary>
    Nothing,
}
