using Ordo.Core.Kinds;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// Exchange orders: funded, matched against the market's book and settled trade by trade, all in
/// the one write that places them, so trades and order changes commit (or roll back) together.
/// </summary>
internal sealed partial class OrderWrite
{
    /// <summary>How far a market order may walk from the best price at placement before the rest is cancelled.</summary>
    public const decimal SlippageLimit = 0.30m;

    /// <summary>A market buy locks the estimated cost plus this margin; what is not spent goes back.</summary>
    public const decimal MarketBuyMargin = 0.10m;

    private PlaceResult PlaceOnBook(PlaceOrder command)
    {
        if (command.Market is { } name)
        {
            // The sequencer first: the market's settings (its quote, its precisions) cannot change under the order.
            _books.Lock(name, tx);
        }

        if (command.Market is null || tx.FindMarket(command.Market) is not { } market)
        {
            return PlaceResult.Invalid("market", $"unknown market '{command.Market}'");
        }

        if (command.Side is not { } side)
        {
            return PlaceResult.Invalid("side", "is required");
        }

        var units = new MarketUnits(market);
        var isMarket = command.Type == OrderType.Market;
        if (command.Quantity <= 0)
        {
            return PlaceResult.Invalid("quantity", "must be greater than zero");
        }

        if (Decimals.Scale(command.Quantity) > market.VolumePrecision)
        {
            return PlaceResult.TooManyDecimals("quantity", market.VolumePrecision, market.Name);
        }

        if (command.Quantity < market.MinVolume)
        {
            return PlaceResult.Invalid("quantity", $"below the minimum {Decimals.ToText(market.MinVolume)} of market {market.Name}");
        }

        if (!units.TryLots(command.Quantity, out var lots))
        {
            return PlaceResult.Invalid("quantity", "is too large");
        }

        long ticks = 0;
        if (isMarket && command.Price is not null)
        {
            // A market order trades at the book's prices; a price it carried would be a limit it never locked for.
            return PlaceResult.Invalid("price", "a market order takes no price");
        }

        if (!isMarket)
        {
            if (command.Price is not { } price || price <= 0)
            {
                return PlaceResult.Invalid("price", "a limit order needs a price greater than zero");
            }

            if (Decimals.Scale(price) > market.PricePrecision)
            {
                return PlaceResult.TooManyDecimals("price", market.PricePrecision, market.Name);
            }

            if (!units.TryTicks(price, out ticks))
            {
                return PlaceResult.Invalid("price", "is too large");
            }
        }

        var book = _books.For(market, tx);
        var (asset, amount) = (side, isMarket) switch
        {
            (OrderSide.Sell, _) => (market.Base, command.Quantity),
            (OrderSide.Buy, false) => (market.Quote, command.Price!.Value * command.Quantity),
            _ => (market.Quote, MarketBuyLock(book, units, lots)),
        };
        if (isMarket && (side == OrderSide.Buy ? book.BestAsk : book.BestBid) is null)
        {
            return PlaceResult.Invalid("quantity", $"there is no {(side == OrderSide.Buy ? "sell" : "buy")} side in market {market.Name} to execute against");
        }

        var order = NewOrder(command, tx.NextOrderId(), asset, payment: 0, LimitLifecycle.Table.Initial);
        if (!_ledger.TryHold(order, amount, MovementReasons.Lock))
        {
            return new PlaceResult(PlaceStatus.InsufficientBalance, null, side == OrderSide.Buy ? "price" : "quantity", $"insufficient {asset} balance");
        }

        tx.InsertOrder(order);
        tx.AppendEvent(new OrderEvent(order.Id, EventTypes.Created, order.State, command.Actor, null, now, new Dictionary<string, string>()));

        var worst = isMarket ? SlippageBound(book, side) : ticks;
        var end = book.Place(order.Id, command.AccountId, side, lots, worst, rest: !isMarket);
        foreach (var trade in book.Trades)
        {
            Settle(order, trade, market, units);
        }

        if (end is MatchEnd.Exhausted or MatchEnd.PriceLimit)
        {
            // A market order never rests: what the book could not take is cancelled by the system.
            CloseRemainder(order, OrderCommand.Cancel, OrderState.Cancelled, 0m, Actor.System,
                end == MatchEnd.PriceLimit ? CancelReasons.Slippage : CancelReasons.NoLiquidity);
        }

        return new PlaceResult(PlaceStatus.Placed, order);
    }

    private static decimal MarketBuyLock(OrderBook book, MarketUnits units, long lots)
    {
        var (_, notional) = book.Estimate(OrderSide.Buy, lots);
        return Decimals.Normalize(units.Notional(notional) * (1 + MarketBuyMargin));
    }

    /// <summary>The worst price a market order may trade at: 30% from the best price on the other side now.</summary>
    private static long? SlippageBound(OrderBook book, OrderSide side) => side == OrderSide.Buy
        ? book.BestAsk is { } ask ? (long)decimal.Floor(ask * (1 + SlippageLimit)) : null
        : book.BestBid is { } bid ? (long)decimal.Ceiling(bid * (1 - SlippageLimit)) : null;

    /// <summary>
    /// One trade, both legs: the buyer's quote goes to the seller and the seller's base to the buyer,
    /// each less their fee (maker or taker rate of the market), which goes to the platform. A limit
    /// buy that trades below its price gets the difference back at once; an order that is done gets
    /// back whatever it still holds (a market buy's margin).
    /// </summary>
    private void Settle(Order taker, Trade trade, Market market, MarketUnits units)
    {
        var maker = tx.FindOrder(OrderRef.Of(trade.MakerId), null)
            ?? throw new InvalidOperationException($"book of {market.Name} holds order {trade.MakerId}, which the store does not have");
        var price = units.Price(trade.Price);
        var volume = units.Volume(trade.Volume);
        var quote = price * volume;
        var (buyer, seller) = taker.Side == OrderSide.Buy ? (taker, maker) : (maker, taker);
        var (toBuyer, buyerFee) = LessFee(volume, ReferenceEquals(buyer, taker) ? market.TakerFee : market.MakerFee, market.VolumePrecision);
        var (toSeller, sellerFee) = LessFee(quote, ReferenceEquals(seller, taker) ? market.TakerFee : market.MakerFee, market.PricePrecision + market.VolumePrecision);

        // Each leg leaves the order that holds it; the ledger refuses any leg larger than that hold.
        _ledger.Release(buyer, Pocket.Available(seller.AccountId), toSeller, MovementReasons.Settle);
        _ledger.Release(buyer, Pocket.Available(SystemAccounts.Platform), sellerFee, MovementReasons.Fee, recordAs: seller.Id);
        _ledger.Release(seller, Pocket.Available(buyer.AccountId), toBuyer, MovementReasons.Settle);
        _ledger.Release(seller, Pocket.Available(SystemAccounts.Platform), buyerFee, MovementReasons.Fee, recordAs: buyer.Id);
        if (buyer.Type != OrderType.Market && buyer.Price is { } limit && limit > price)
        {
            // A limit buy locked its own price: trading below it frees the difference at once.
            _ledger.Release(buyer, Pocket.Available(buyer.AccountId), (limit - price) * volume, MovementReasons.Release);
        }

        var record = tx.InsertTrade(new TradeRecord(
            0, market.Name, price, volume, maker.Id, taker.Id, maker.AccountId, taker.AccountId, taker.Side!.Value, buyerFee, sellerFee, now));
        RecordFill(buyer, volume, price, buyerFee, record.Id, ReferenceEquals(buyer, taker));
        RecordFill(seller, volume, price, sellerFee, record.Id, ReferenceEquals(seller, taker));
    }

    /// <summary>Decimals a fee keeps beyond its amount's own (see <see cref="LessFee"/>).</summary>
    public const int FeeExtraDecimals = 4;

    /// <summary>
    /// An amount split into what its receiver gets and the fee, the fee rounded down to
    /// <see cref="FeeExtraDecimals"/> more decimals than the amount's grid. Every amount, hold and fee
    /// then lies on one grid with at most 10^28 steps (<see cref="MarketUnits.MaxSteps"/>), so each
    /// sum and difference is exact: the parts add up to the amount and never ask a hold for more.
    /// </summary>
    private static (decimal Net, decimal Fee) LessFee(decimal amount, decimal rate, int grid)
    {
        var fee = Decimals.RoundDown(amount * rate, grid + FeeExtraDecimals);
        return (amount - fee, fee);
    }

    private void RecordFill(Order order, decimal volume, decimal price, decimal fee, long tradeId, bool isTaker)
    {
        var life = LimitLifecycle.Table;
        order.FilledQuantity += volume;
        order.FilledValue += price * volume;
        order.Fee += fee;
        order.FillCount++;
        order.FirstFillAt ??= now;
        order.LastFillReference = tradeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var target = order.RemainingQuantity == 0 ? OrderState.Filled : order.State;
        if (target == OrderState.Filled && order.AmountLocked > 0)
        {
            _ledger.Release(order, Pocket.Available(order.AccountId), order.AmountLocked, MovementReasons.Release);
        }

        MoveTo(order, life, OrderCommand.Fill, target);
        Commit(order, target == OrderState.Filled ? EventTypes.Filled : EventTypes.PartiallyFilled, Actor.System, null, new Dictionary<string, string>
        {
            ["trade_id"] = order.LastFillReference,
            ["quantity"] = Decimals.ToText(volume),
            ["price"] = Decimals.ToText(price),
            ["fee"] = Decimals.ToText(fee),
            ["role"] = isTaker ? "taker" : "maker",
        });
    }
}
