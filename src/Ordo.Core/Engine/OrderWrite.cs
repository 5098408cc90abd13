using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Engine;

/// <summary>
/// The rules of one command, run inside one store transaction at one instant. Every change to an
/// order goes through <see cref="MoveTo"/>, which refuses any row its kind's table does not declare.
/// </summary>
internal sealed partial class OrderWrite(IOrderTransaction tx, DateTimeOffset now, OrderBooks? books = null)
{
    private readonly Ledger.Ledger _ledger = new(tx, now);
    private readonly OrderBooks _books = books ?? new OrderBooks();

    public PlaceResult Place(PlaceOrder command)
    {
        if (SystemAccounts.IsSystem(command.AccountId))
        {
            // The platform (fees) and external (deposits) accounts only take part in movements.
            return PlaceResult.Invalid("account", "a system account places no orders");
        }

        if (command.ClientOrderId is { } clientId &&
            tx.FindOrder(new OrderRef.ByClientId(clientId), command.AccountId) is { } existing)
        {
            return new PlaceResult(PlaceStatus.DuplicateClientOrderId, existing);
        }

        if (command.ExclusiveAttribute is { } exclusive &&
            command.Attributes?.GetValueOrDefault(exclusive) is { } value &&
            tx.ListOrders(new OrderQuery
            {
                AccountId = command.AccountId,
                Kind = command.Kind,
                States = Lifecycles.For(command.Kind).OpenStates,
                AttributeName = exclusive,
                AttributeValue = value,
                Sort = OrderSort.Any,
                Limit = 1,
            }) is [var open, ..])
        {
            return new PlaceResult(PlaceStatus.OpenOrderExists, open, exclusive, $"an open order already has this {exclusive}");
        }

        if (command.Kind == OrderKind.Limit)
        {
            return PlaceOnBook(command);
        }

        var funding = PlaceFunding.Decide(command);
        if (funding.Error is { } error)
        {
            return error;
        }

        var life = Lifecycles.For(command.Kind);
        if (command.PaidFromOutside is { } outside)
        {
            return PlaceUnpaid(command, outside, funding, life);
        }

        var order = NewOrder(command, tx.NextOrderId(), funding.Asset, command.Kind == OrderKind.Rental ? funding.Amount : 0, life.Initial);
        if (funding.Amount > 0 && !_ledger.TryHold(order, funding.Amount, command.Kind == OrderKind.Rental ? MovementReasons.Payment : MovementReasons.Lock))
        {
            return new PlaceResult(PlaceStatus.InsufficientBalance, null, funding.Field, $"insufficient {funding.Asset} balance");
        }

        tx.InsertOrder(order);
        tx.AppendEvent(new OrderEvent(order.Id, EventTypes.Created, order.State, command.Actor, null, now, new Dictionary<string, string>()));
        return new PlaceResult(PlaceStatus.Placed, order);
    }

    /// <summary>The new order, holding nothing yet: funds are put on hold through the ledger.</summary>
    private Order NewOrder(PlaceOrder command, long id, string? asset, decimal payment, OrderState initial) => new()
    {
        Id = id,
        Uuid = Guid.CreateVersion7(now),
        Number = command.Numbering?.Invoke(id, now) ?? $"ORD-{id:D8}",
        ClientOrderId = command.ClientOrderId,
        AccountId = command.AccountId,
        Dialect = command.Dialect,
        Kind = command.Kind,
        Side = command.Side,
        Type = command.Type,
        Market = command.Market,
        Price = command.Price,
        Quantity = command.Quantity,
        Asset = asset,
        AmountPaid = payment,
        State = initial,
        CancelNotBefore = command.Terms.NotBefore,
        CancelFeeRate = command.Terms.FeeRate,
        CreatedAt = now,
        UpdatedAt = now,
        Duration = command.Duration,
        ExpiresAt = command.Validity is { } validity ? now + validity : null,
        ExecutorAccountId = command.Executor,
        Attributes = command.Attributes is null ? new(StringComparer.Ordinal) : new(command.Attributes, StringComparer.Ordinal),
    };

    public CancelResult Cancel(CancelOrder command)
    {
        var order = Visible(tx.FindOrder(command.Order, command.Scope), command.Kind, command.Match);
        if (order is null)
        {
            return new CancelResult(CancelStatus.NotFound, null);
        }

        if (order.State == OrderState.Cancelled)
        {
            return new CancelResult(CancelStatus.AlreadyCancelled, order);
        }

        var life = Lifecycles.For(order.Kind);
        if (!life.CanCancel(order.State))
        {
            var filled = order.State is OrderState.Filled or OrderState.Completed;
            return new CancelResult(filled ? CancelStatus.AlreadyFilled : CancelStatus.NotCancellable, order);
        }

        // The window binds the owner; an operator may always cancel (that is what operators are for).
        var opensAt = order.CreatedAt + order.CancelNotBefore;
        if (command.Actor.Kind == ActorKind.Owner && now < opensAt)
        {
            return new CancelResult(CancelStatus.TooEarly, order, opensAt);
        }

        CloseRemainder(order, OrderCommand.Cancel, OrderState.Cancelled, order.CancelFeeRate, command.Actor, command.Reason ?? "cancelled by request");
        return new CancelResult(CancelStatus.Cancelled, order);
    }

    public AmendResult Amend(AmendOrder command)
    {
        var order = Visible(tx.FindOrder(command.Order, command.Scope), command.Kind, command.Match);
        if (order is null)
        {
            return new AmendResult(AmendStatus.NotFound, null);
        }

        var life = Lifecycles.For(order.Kind);
        if (!life.IsOpen(order.State))
        {
            return new AmendResult(AmendStatus.Closed, order);
        }

        var from = order.State;
        if (command.Stage is { } stage && stage != from)
        {
            if (!life.Allows(from, OrderCommand.Fill, stage))
            {
                return new AmendResult(AmendStatus.StageNotAllowed, order);
            }

            MoveTo(order, life, OrderCommand.Fill, stage);
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = from.ToString(), ["to"] = order.State.ToString() };
        foreach (var (name, value) in command.Attributes)
        {
            order.Attributes[name] = value;
            data[name] = value;
        }

        order.UpdatedAt = now;
        Commit(order, EventTypes.Amended, command.Actor, null, data);
        return new AmendResult(AmendStatus.Amended, order);
    }

    public FillResult Fill(FillOrder command)
    {
        var order = Visible(tx.FindOrder(command.Order, command.Scope), command.Kind, null);
        if (order is null)
        {
            return new FillResult(FillStatus.NotFound, null);
        }

        if (!FillRules.MayFill(order, command.Actor))
        {
            return new FillResult(FillStatus.NotAllowed, null);
        }

        var result = FillAllowed(order, command);

        // A refusal shows the order only to those who may read it (the owner, its assigned executor, an operator).
        return result.Status is FillStatus.Applied or FillStatus.Duplicate || FillRules.MayRead(result.Order!, command.Actor)
            ? result
            : result with { Order = null };
    }

    private FillResult FillAllowed(Order order, FillOrder command)
    {
        var scope = $"fill:{order.Id}";
        if (command.ExternalId is { } externalId && tx.HasExternalId(scope, externalId))
        {
            return new FillResult(FillStatus.Duplicate, order);
        }

        var life = Lifecycles.For(order.Kind);
        var result = life.FillStyle == FillStyle.Quantity ? FillQuantity(order, life, command) : FillStage(order, life, command);
        if (result.Status == FillStatus.Applied && command.ExternalId is { } applied)
        {
            tx.RecordExternalId(scope, applied);
        }

        return result;
    }

    public ExpireResult Expire(long orderId)
    {
        var order = tx.FindOrder(OrderRef.Of(orderId), null);
        if (order is null)
        {
            return new ExpireResult(ExpireStatus.Nothing, null);
        }

        if (order.ExpiresAt is not { } due || due > now)
        {
            return new ExpireResult(ExpireStatus.NotDue, order);
        }

        var life = Lifecycles.For(order.Kind);
        if (life.ExpiryTarget(order.State) is not { } target)
        {
            return new ExpireResult(ExpireStatus.Nothing, order);
        }

        if (target == OrderState.Completed)
        {
            MoveTo(order, life, OrderCommand.Expire, target);
            Commit(order, EventTypes.Completed, Actor.System, "lease ended", new Dictionary<string, string>());
        }
        else
        {
            // Expiry is never charged: the whole unfilled share goes back.
            CloseRemainder(order, OrderCommand.Expire, target, 0m, Actor.System, "expired");
        }

        return new ExpireResult(ExpireStatus.Expired, order);
    }

    private FillResult FillQuantity(Order order, Lifecycle life, FillOrder command)
    {
        if (command.Stage is not null || command.Quantity is not { } quantity)
        {
            return new FillResult(FillStatus.Invalid, order, "quantity", $"a {order.Kind} order is filled by quantity");
        }

        if (quantity <= 0)
        {
            return new FillResult(FillStatus.Invalid, order, "quantity", "must be greater than zero");
        }

        // A quantity kind takes fills where its table can fill it; a partial fill keeps its state.
        if (!life.Allows(order.State, OrderCommand.Fill, OrderState.Filled))
        {
            return new FillResult(FillStatus.NotFillable, order);
        }

        if (quantity > order.RemainingQuantity)
        {
            return new FillResult(FillStatus.ExceedsRemaining, order, "quantity", $"only {Decimals.ToText(order.RemainingQuantity)} is left")
            {
                Remaining = order.RemainingQuantity,
            };
        }

        var target = quantity == order.RemainingQuantity ? OrderState.Filled : order.State;

        if (order.Kind == OrderKind.Limit)
        {
            return new FillResult(FillStatus.NotFillable, order, null, "a limit order is filled only by trades of the matching engine");
        }

        var price = command.Price ?? order.Price ?? 0m;
        SettleDelivery(order, quantity, command.Actor);

        order.FilledQuantity += quantity;
        order.FilledValue += price * quantity;
        order.FirstFillAt ??= now;
        order.FillCount++;
        order.LastFillReference = command.ExternalId;
        if (target == OrderState.Filled)
        {
            // Fully delivered: the next timed change is the end of the lease, if there is one.
            order.ExpiresAt = order.FirstFillAt + order.Duration;
        }

        MoveTo(order, life, OrderCommand.Fill, target);

        var data = new Dictionary<string, string>
        {
            ["quantity"] = Decimals.ToText(quantity),
            ["price"] = Decimals.ToText(price),
        };
        if (command.ExternalId is { } externalId)
        {
            data["external_id"] = externalId;
        }

        Commit(order, target == OrderState.Filled ? EventTypes.Filled : EventTypes.PartiallyFilled, command.Actor, null, data);
        return new FillResult(FillStatus.Applied, order);
    }

    /// <summary>Rental delivery: the delivered share of the escrow goes to the party that delivered.</summary>
    private void SettleDelivery(Order order, decimal quantity, Actor actor)
    {
        if (order.Asset is null)
        {
            return;
        }

        var last = quantity == order.RemainingQuantity;
        var share = last
            ? order.AmountLocked
            : Math.Min(order.AmountLocked, Decimals.RoundDown(order.AmountPaid * quantity / order.Quantity, RentalLifecycle.MoneyScale));
        var receiver = actor.AccountId ?? SystemAccounts.Platform;
        _ledger.Release(order, Pocket.Available(receiver), share, MovementReasons.Settle);
    }

    private FillResult FillStage(Order order, Lifecycle life, FillOrder command)
    {
        if (command.Quantity is not null || command.Stage is not { } stage)
        {
            return new FillResult(FillStatus.Invalid, order, "stage", $"a {order.Kind} order is moved by stage");
        }

        if (!life.Allows(order.State, OrderCommand.Fill, stage))
        {
            return new FillResult(FillStatus.NotFillable, order, "stage", $"cannot move from {order.State} to {stage}");
        }

        var from = order.State;
        MoveTo(order, life, OrderCommand.Fill, stage);
        var data = new Dictionary<string, string> { ["from"] = from.ToString(), ["to"] = stage.ToString() };
        if (command.ExternalId is { } externalId)
        {
            data["external_id"] = externalId;
        }

        Commit(order, EventTypes.StageChanged, command.Actor, null, data);
        return new FillResult(FillStatus.Applied, order);
    }

    /// <summary>
    /// Cancel or expire the unfilled remainder: held funds go back (less the fee, for paid
    /// escrow), and the order moves to its final state. Runs at most once per order, because the
    /// final states take no further cancel or expiry.
    /// </summary>
    private void CloseRemainder(Order order, OrderCommand command, OrderState target, decimal feeRate, Actor actor, string reason)
    {
        var life = Lifecycles.For(order.Kind);
        if (order.Kind == OrderKind.Limit && order.Market is { } market)
        {
            _books.Loaded(market, tx)?.Cancel(order.Id, out _);
        }

        var refund = 0m;
        var fee = 0m;
        if (order.Asset is not null && order.AmountLocked > 0)
        {
            refund = life.Funds == FundsRule.RefundPaid
                ? Math.Min(order.AmountLocked, Decimals.RoundDown(order.AmountPaid * order.RemainingQuantity / order.Quantity * (1 - feeRate), RentalLifecycle.MoneyScale))
                : order.AmountLocked;
            fee = order.AmountLocked - refund;
            _ledger.Release(order, Pocket.Available(order.AccountId), refund, life.Funds == FundsRule.RefundPaid ? MovementReasons.Refund : MovementReasons.Release);
            _ledger.Release(order, Pocket.Available(SystemAccounts.Platform), fee, MovementReasons.Fee);
            if (PaymentAttributes.PaidFromOutside(order))
            {
                // Paid from outside: the refund goes back out the way it came, as a payout.
                PayOut(order, refund, order.Attributes[PaymentAttributes.RefundAddress], command == OrderCommand.Cancel ? PayoutReasons.Cancel : PayoutReasons.Expiry);
            }
            if (life.Funds == FundsRule.RefundPaid)
            {
                order.AmountRefunded += refund;
            }

            order.Fee += fee;
        }

        MoveTo(order, life, command, target);
        if (target == OrderState.Cancelled)
        {
            order.CancelReason = reason;
            order.CancelledBy = actor.Kind;
            order.CancelledAt = now;
        }

        var data = new Dictionary<string, string>
        {
            ["cancelled_quantity"] = Decimals.ToText(order.RemainingQuantity),
            ["returned"] = Decimals.ToText(refund),
            ["fee"] = Decimals.ToText(fee),
        };
        Commit(order, target == OrderState.Cancelled ? EventTypes.Cancelled : EventTypes.Expired, actor, reason, data);
    }

    /// <summary>The order if the command may see it: of the kind asked for, with the attribute asked for; else null, exactly like a missing one.</summary>
    private static Order? Visible(Order? order, OrderKind? kind, AttributeMatch? match) =>
        order is null || (kind is { } k && order.Kind != k) || (match is { } m && order.Attributes.GetValueOrDefault(m.Name) != m.Value)
            ? null
            : order;

    private void MoveTo(Order order, Lifecycle life, OrderCommand command, OrderState target)
    {
        if (!life.Allows(order.State, command, target))
        {
            throw new InvalidOperationException($"{order.Kind} order {order.Id}: {order.State} --{command}--> {target} is not in the table");
        }

        order.State = target;
        order.UpdatedAt = now;
        if (life.ExpiryTarget(target) is null)
        {
            order.ExpiresAt = null;
        }
    }

    /// <summary>Saves the changed order and appends its event: every change leaves one.</summary>
    private void Commit(Order order, string type, Actor actor, string? reason, IReadOnlyDictionary<string, string> data)
    {
        order.Version++;
        tx.UpdateOrder(order);
        tx.AppendEvent(new OrderEvent(order.Id, type, order.State, actor, reason, now, data));
    }
}
