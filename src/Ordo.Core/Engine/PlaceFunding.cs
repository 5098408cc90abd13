using Ordo.Core.Kinds;
using Ordo.Core.Orders;

namespace Ordo.Core.Engine;

/// <summary>
/// What a new order must hold, by kind: a rental pays its price into escrow; p2p and purchase
/// orders hold nothing here (their money moves outside Ordo). Exchange orders are funded against
/// the book (see <c>OrderWrite.PlaceOnBook</c>).
/// </summary>
internal readonly record struct PlaceFunding(string? Asset, decimal Amount, string? Field, PlaceResult? Error)
{
    private static PlaceFunding Fail(string field, string message) => new(null, 0, field, PlaceResult.Invalid(field, message));

    public static PlaceFunding Decide(PlaceOrder command)
    {
        if (command.Quantity <= 0)
        {
            return Fail("quantity", "must be greater than zero");
        }

        return command.Kind switch
        {
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
}
