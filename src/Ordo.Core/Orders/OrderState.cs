namespace Ordo.Core.Orders;

/// <summary>
/// Every state any kind can be in. Each kind uses a subset, declared in its lifecycle table
/// (see <c>Kinds/</c>); the generic ones come first.
/// </summary>
public enum OrderState
{
    // Shared by several kinds.
    Pending,
    Open,
    Filled,
    Completed,
    Cancelled,
    Expired,
    Rejected,

    // Peer-to-peer stages.
    Submitted,
    Acknowledged,
    FundedProvider,
    FundReceivedFromUser,
    FundedUser,

    // Purchase payment states.
    Unpaid,
    Failed,
    Paid,
    Refunded,
    PartiallyRefunded,
}
