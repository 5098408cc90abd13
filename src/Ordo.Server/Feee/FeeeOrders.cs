using System.Globalization;

using Ordo.Core.Engine;
using Ordo.Core.Kinds;
using Ordo.Core.Orders;
using Ordo.Server.Auth;

namespace Ordo.Server.Feee;

/// <summary>A Feee submit as an engine command: Feee's price, its cancel window, its validity and its numbers.</summary>
public static class FeeeOrders
{
    public const string Asset = "TRX";

    public static PlaceOrder Place(long accountId, FeeeRental rental, string receiveAddress, FeeeOptions options, Func<long, DateTimeOffset, string>? numbering = null) => new()
    {
        Actor = Actor.Owner(accountId),
        AccountId = accountId,
        Dialect = DialectNames.Feee,
        Kind = OrderKind.Rental,
        Quantity = rental.ResourceValue,
        Price = rental.UnitPrice,
        Asset = Asset,
        Payment = rental.PayAmount,
        Duration = TimeSpan.FromSeconds(rental.RentTimeSecond),
        Validity = options.Validity,
        Terms = new CancelTerms(options.CancelNotBefore, 0m),
        Numbering = numbering ?? FeeeNumbers.Make,
        Attributes = new Dictionary<string, string>
        {
            [FeeeAttributes.ReceiveAddress] = receiveAddress,
            [FeeeAttributes.ResourceType] = "1",
            [FeeeAttributes.RentDuration] = Text(rental.RentDuration),
            [FeeeAttributes.RentTimeUnit] = rental.RentTimeUnit,
            [FeeeAttributes.RentTimeSecond] = Text(rental.RentTimeSecond),
            [FeeeAttributes.PriceInSun] = Text(rental.PriceInSun),
            [FeeeAttributes.ServiceAmount] = rental.ServiceAmount.ToString(CultureInfo.InvariantCulture),
        },
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
