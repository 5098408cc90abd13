using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Tests.Engine;

using static Ordo.Core.Orders.OrderState;

namespace Ordo.Core.Tests.Kinds;

/// <summary>
/// Every kind, every state it declares, every command: the expected outcome is written out here
/// by hand (not derived from the tables), and a refused command must leave no trace.
/// "→X" means applied and the order is now in X; anything else is the refusal's status
/// (expiry in a state that expires no more finds no expiry time: NotDue).
/// </summary>
public sealed class StateMachineTests
{
    private const string FillPart = "fill part";
    private const string FillAll = "fill all";
    private const string Cancel = "cancel";
    private const string Expire = "expire";

    // Quantity kinds: state -> (fill part, fill all, cancel, expire).
    private static readonly Dictionary<OrderKind, Dictionary<OrderState, string[]>> QuantityKinds = new()
    {
        [OrderKind.Rental] = new()
        {
            [Pending] = ["NotFillable", "NotFillable", "→Cancelled", "→Expired"],
            [Open] = ["→Open", "→Filled", "→Cancelled", "→Expired"],
            [Filled] = ["NotFillable", "NotFillable", "AlreadyFilled", "→Completed"],
            [Completed] = ["NotFillable", "NotFillable", "AlreadyFilled", "NotDue"],
            [Cancelled] = ["NotFillable", "NotFillable", "AlreadyCancelled", "NotDue"],
            [Expired] = ["NotFillable", "NotFillable", "NotCancellable", "NotDue"],
        },
        [OrderKind.Limit] = new()
        {
            [Open] = ["→Open", "→Filled", "→Cancelled", "NotDue"],
            [Filled] = ["NotFillable", "NotFillable", "AlreadyFilled", "NotDue"],
            [Cancelled] = ["NotFillable", "NotFillable", "AlreadyCancelled", "NotDue"],
            [Rejected] = ["NotFillable", "NotFillable", "NotCancellable", "NotDue"],
        },
    };

    // Stage kinds: state -> the stages a fill may move it to, then cancel and expire outcomes.
    private static readonly Dictionary<OrderKind, Dictionary<OrderState, (OrderState[] Fills, string Cancel, string Expire)>> StageKinds = new()
    {
        [OrderKind.P2p] = new()
        {
            [Submitted] = ([Acknowledged], "→Cancelled", "→Cancelled"),
            [Acknowledged] = ([FundedProvider], "→Cancelled", "→Cancelled"),
            [FundedProvider] = ([FundReceivedFromUser], "NotCancellable", "NotDue"),
            [FundReceivedFromUser] = ([FundedUser], "NotCancellable", "NotDue"),
            [FundedUser] = ([Completed], "NotCancellable", "NotDue"),
            [Completed] = ([], "AlreadyFilled", "NotDue"),
            [Cancelled] = ([], "AlreadyCancelled", "NotDue"),
        },
        [OrderKind.Purchase] = new()
        {
            [Pending] = ([Paid, Unpaid, Failed], "→Cancelled", "→Expired"),
            [Unpaid] = ([Paid, Failed], "→Cancelled", "→Expired"),
            [Failed] = ([Paid, Unpaid], "→Cancelled", "→Expired"),
            [Paid] = ([Refunded, PartiallyRefunded], "NotCancellable", "NotDue"),
            [PartiallyRefunded] = ([Refunded], "NotCancellable", "NotDue"),
            [Refunded] = ([], "NotCancellable", "NotDue"),
            [Cancelled] = ([], "AlreadyCancelled", "NotDue"),
            [Expired] = ([], "NotCancellable", "NotDue"),
        },
    };

    public static TheoryData<OrderKind, OrderState, string, string> QuantityCases()
    {
        var data = new TheoryData<OrderKind, OrderState, string, string>();
        foreach (var (kind, rows) in QuantityKinds)
        {
            foreach (var (state, outcomes) in rows)
            {
                data.Add(kind, state, FillPart, outcomes[0]);
                data.Add(kind, state, FillAll, outcomes[1]);
                data.Add(kind, state, Cancel, outcomes[2]);
                data.Add(kind, state, Expire, outcomes[3]);
            }
        }

        return data;
    }

    public static TheoryData<OrderKind, OrderState, string, string> StageCases()
    {
        var data = new TheoryData<OrderKind, OrderState, string, string>();
        foreach (var (kind, rows) in StageKinds)
        {
            foreach (var (state, (fills, cancel, expire)) in rows)
            {
                foreach (var target in Lifecycles.For(kind).States)
                {
                    data.Add(kind, state, $"fill {target}", fills.Contains(target) ? $"→{target}" : "NotFillable");
                }

                data.Add(kind, state, Cancel, cancel);
                data.Add(kind, state, Expire, expire);
            }
        }

        return data;
    }

    [Fact]
    public void The_expectations_cover_every_declared_state_of_every_kind()
    {
        foreach (var life in Lifecycles.All)
        {
            IEnumerable<OrderState> covered = QuantityKinds.TryGetValue(life.Kind, out var q) ? q.Keys : StageKinds[life.Kind].Keys;
            covered.ShouldBe(life.States, ignoreOrder: true, $"{life.Kind}");
        }
    }

    [Theory]
    [MemberData(nameof(QuantityCases))]
    [MemberData(nameof(StageCases))]
    public void Command_in_state_has_the_expected_outcome(OrderKind kind, OrderState state, string command, string expected)
    {
        var setup = new StateSetup();
        var order = setup.InState(kind, state);
        if (kind == OrderKind.Limit && command == Expire)
        {
            order.ExpiresAt.ShouldBeNull("limit orders are good till cancelled unless given a time");
        }

        var version = order.Version;
        var events = setup.Tx.Events.Count(e => e.OrderId == order.Id);
        var ledger = setup.Tx.Ledger.Count;
        var outcome = Run(setup, order, command);

        outcome.ShouldBe(expected);
        if (!expected.StartsWith('→'))
        {
            order.State.ShouldBe(state);
            order.Version.ShouldBe(version);
            setup.Tx.Events.Count(e => e.OrderId == order.Id).ShouldBe(events);
            setup.Tx.Ledger.Count.ShouldBe(ledger);
        }
        else
        {
            setup.Tx.Events.Count(e => e.OrderId == order.Id).ShouldBe(events + 1, "every change appends one event");
        }
    }

    private static string Run(StateSetup setup, Order order, string command)
    {
        static string Applied(OrderState s) => $"→{s}";
        switch (command)
        {
            case FillPart:
            case FillAll:
                var quantity = command == FillPart || order.RemainingQuantity == 0 ? 4 : order.RemainingQuantity;
                var fill = setup.FillQuantity(order, quantity);
                return fill.Status == FillStatus.Applied ? Applied(fill.Order!.State) : fill.Status.ToString();
            case Cancel:
                var cancel = setup.Cancel(order);
                return cancel.Status == CancelStatus.Cancelled ? Applied(cancel.Order!.State) : cancel.Status.ToString();
            case Expire:
                var expire = setup.Expire(order);
                return expire.Status == ExpireStatus.Expired ? Applied(expire.Order!.State) : expire.Status.ToString();
            default:
                var stage = Enum.Parse<OrderState>(command["fill ".Length..]);
                var staged = setup.FillStage(order, stage);
                return staged.Status == FillStatus.Applied ? Applied(staged.Order!.State) : staged.Status.ToString();
        }
    }
}
