using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Engine;

/// <summary>
/// What a new order must hold, by kind: a limit buy locks price × quantity of the quote asset, a
/// limit sell the quantity of the base asset; a rental pays its price into escrow; p2p and
/// purchase orders hold nothing here (their money moves outside Ordo). Also checks the market's
/// rules, which are business rules and so live in the core.
/// </summary>
internal readonly record struct PlaceFunding(string? Asset, decimal Amount, string? Field, PlaceResult? Error)
{
    private static PlaceFunding Fail(string field, string message) => new(null, 0, field, PlaceResult.Invalid(field, message));

    public static PlaceFunding Decide(PlaceOrder command, IOrderTransaction tx)
    {
        if (command.Quantity <= 0)
        {
            return Fail("quantity", "must be greater than zero");
        }

        return command.Kind switch
        {
            OrderKind.Limit => ForLimit(command, tx),
            OrderKind.Rental => ForRental(command),
            _ => new PlaceFunding(null, 0, null, null),
        };
    }

    private static PlaceFunding ForRental(PlaceOrder command)
    {
        if (command.Payment is not { } payment || payment <= 0)
        {
            return Fail("price", "a rental must cost more than zero");
        }

        if (command.Quantity != decimal.Truncate(command.Quantity))
        {
            return Fail("quantity", "energy is counted in whole units");
        }

        if (command.Terms.FeeRate is < 0 or > 1)
        {
            return Fail("cancel_fee_rate", "must be between 0 and 1");
        }

        return new PlaceFunding(command.Asset ?? "TRX", payment, "price", null);
    }

    private static PlaceFunding ForLimit(PlaceOrder command, IOrderTransaction tx)
    {
        if (command.Market is null || tx.FindMarket(command.Market) is not { } market)
        {
            return Fail("market", $"unknown market '{command.Market}'");
        }

        if (command.Side is not { } side)
        {
            return Fail("side", "is required");
        }

        if (command.Type == OrderType.Market)
        {
            // Market orders execute against the book at once; until the matching engine runs
            // there is nothing to execute against, so they are refused rather than left resting.
            return Fail("type", "market orders need the matching engine, which this server does not run yet");
        }

        if (command.Price is not { } price || price <= 0)
        {
            return Fail("price", "a limit order needs a price greater than zero");
        }

        if (Decimals.Scale(price) > market.PricePrecision)
        {
            return Fail("price", $"at most {market.PricePrecision} decimals in market {market.Name}");
        }

        if (Decimals.Scale(command.Quantity) > market.VolumePrecision)
        {
            return Fail("quantity", $"at most {market.VolumePrecision} decimals in market {market.Name}");
        }

        if (command.Quantity < market.MinVolume)
        {
            return Fail("quantity", $"below the minimum {Decimals.ToText(market.MinVolume)} of market {market.Name}");
        }

        return side == OrderSide.Buy
            ? new PlaceFunding(market.Quote, price * command.Quantity, "price", null)
            : new PlaceFunding(market.Base, command.Quantity, "quantity", null);
    }
}
