using Ordo.Core.Orders;

namespace Ordo.Core.Kinds;

/// <summary>
/// A kind's declared state machine: its states, its allowed transitions, how it is filled and
/// what a cancel does with its funds. The engine never moves an order along a row that is not here.
/// </summary>
public sealed class Lifecycle
{
    private readonly HashSet<Transition> _rows;

    public Lifecycle(
        OrderKind kind,
        OrderState initial,
        FillStyle fillStyle,
        FundsRule funds,
        IReadOnlyList<OrderState> states,
        IReadOnlyList<Transition> transitions)
    {
        Kind = kind;
        Initial = initial;
        FillStyle = fillStyle;
        Funds = funds;
        States = states;
        Transitions = transitions;
        _rows = [.. transitions];
        foreach (var row in transitions)
        {
            if (!states.Contains(row.From) || !states.Contains(row.To))
            {
                throw new ArgumentException($"{kind}: transition {row} uses a state not declared for the kind.");
            }
        }
    }

    public OrderKind Kind { get; }
    public OrderState Initial { get; }
    public FillStyle FillStyle { get; }
    public FundsRule Funds { get; }
    public IReadOnlyList<OrderState> States { get; }
    public IReadOnlyList<Transition> Transitions { get; }

    public bool Allows(OrderState from, OrderCommand command, OrderState to) => _rows.Contains(new(from, command, to));

    public bool CanCancel(OrderState from) => Allows(from, OrderCommand.Cancel, OrderState.Cancelled);

    /// <summary>Whether anything can still happen to an order in this state (a final state has no row out).</summary>
    public bool IsOpen(OrderState state) => Transitions.Any(row => row.From == state);

    public IReadOnlyList<OrderState> OpenStates => States.Where(IsOpen).ToList();

    /// <summary>Where expiry takes an order in this state, or null when nothing expires here.</summary>
    public OrderState? ExpiryTarget(OrderState from)
    {
        foreach (var row in Transitions)
        {
            if (row.From == from && row.Command == OrderCommand.Expire)
            {
                return row.To;
            }
        }

        return null;
    }
}
