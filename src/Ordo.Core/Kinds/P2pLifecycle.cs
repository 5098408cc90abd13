using Ordo.Core.Orders;

using static Ordo.Core.Kinds.OrderCommand;
using static Ordo.Core.Orders.OrderState;

namespace Ordo.Core.Kinds;

/// <summary>
/// Peer-to-peer trade, moved stage by stage. A provider is assigned at placement, so orders start
/// <c>Acknowledged</c>. The customer's "I paid" moves it to <c>FundedProvider</c>; from then on it
/// can no longer be cancelled. Unpaid past its validity, the system cancels it.
/// </summary>
public static class P2pLifecycle
{
    public static readonly Lifecycle Table = new(
        OrderKind.P2p,
        initial: Acknowledged,
        FillStyle.Stage,
        FundsRule.None,
        states: [Submitted, Acknowledged, FundedProvider, FundReceivedFromUser, FundedUser, Completed, Cancelled],
        transitions:
        [
            new(Submitted, Fill, Acknowledged),
            new(Acknowledged, Fill, FundedProvider),
            new(FundedProvider, Fill, FundReceivedFromUser),
            new(FundReceivedFromUser, Fill, FundedUser),
            new(FundedUser, Fill, Completed),
            new(Submitted, Cancel, Cancelled),
            new(Acknowledged, Cancel, Cancelled),
            new(Submitted, Expire, Cancelled),
            new(Acknowledged, Expire, Cancelled),
        ]);
}
