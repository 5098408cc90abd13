using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Who may report a fill (the executor trust model). A fill moves money or a stage on someone
/// else's behalf, so each kind names who may do it; an operator may report any fill the kind takes.
/// </summary>
public static class FillRules
{
    public static bool MayFill(Order order, Actor actor)
    {
        if (actor.Kind == ActorKind.Operator)
        {
            return true;
        }

        return order.Kind switch
        {
            // An executing party, never the owner: a self-fill would return the escrow without the cancel fee or window.
            OrderKind.Rental => actor.Kind == ActorKind.Executor && actor.AccountId is { } seller && seller != order.AccountId,

            // Only the provider the order was assigned to.
            OrderKind.P2p => actor.AccountId is { } provider && provider == order.ExecutorAccountId,

            // The store's own payment integration: the owner's account.
            OrderKind.Purchase => actor.AccountId == order.AccountId,

            // Limit orders fill only by trades of the matching engine.
            _ => false,
        };
    }

    /// <summary>Whether a refusal may show the order to this actor.</summary>
    public static bool MayRead(Order order, Actor actor) =>
        actor.Kind == ActorKind.Operator || actor.AccountId == order.AccountId ||
        (order.ExecutorAccountId is { } executor && actor.AccountId == executor);
}
