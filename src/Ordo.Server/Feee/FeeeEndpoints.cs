using System.Globalization;

using Ordo.Core;
using Ordo.Core.Addresses;
using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Auth;

namespace Ordo.Server.Feee;

/// <summary>
/// Feee's open API (<c>/open/v2</c>) on the engine's rental kind: translate, call the engine, render
/// in Feee's envelope. The 5-minute rule and the pro-rata refund are the core's; this only names them.
/// </summary>
public static class FeeeEndpoints
{
    public const string Prefix = "/open/v2";

    public static void MapFeee(this IEndpointRouteBuilder app)
    {
        // A wrong top-up address would send the operator's customers' TRX astray: refuse to start.
        if (app.ServiceProvider.GetRequiredService<ServerOptions>().Feee.RechargeAddress is { } topUp && !TronAddress.IsValid(topUp))
        {
            throw new InvalidOperationException($"Feee__RechargeAddress={topUp} is not a TRON address (34 characters starting with T, with a valid checksum)");
        }

        if (app.ServiceProvider.GetRequiredService<ServerOptions>().Feee.EnergyPriceSun < 0)
        {
            throw new InvalidOperationException("Feee__EnergyPriceSun must not be negative");
        }

        var feee = app.MapGroup(Prefix).RequireFeeeKey().ExcludeFromDescription();
        feee.MapPost("/order/submit", Submit);
        feee.MapGet("/order/query", Query);
        feee.MapPost("/order/query", Query);
        feee.MapPost("/order/cancel", Cancel);
        feee.MapGet("/order/price", Price);
        feee.MapGet("/api/query", Account);

        // GET as Feee documents it; POST too, as the relayer posts every call with its parameters in the query string.
        feee.MapGet("/order/estimate_energy", FeeeEstimate.EstimateEnergy);
        feee.MapPost("/order/estimate_energy", FeeeEstimate.EstimateEnergy);

        // Unknown paths and wrong methods under the prefix still answer in Feee's envelope.
        app.MapFallback(Prefix + "/{**rest}", (HttpContext http) =>
            FeeeResult.Invalid($"no endpoint {http.Request.Method} {http.Request.Path}")).ExcludeFromDescription();
    }

    private static async Task<IResult> Submit(HttpContext http, OrderEngine engine, ServerOptions options)
    {
        var fields = await FeeeParameters.ReadAsync(http.Request, http.RequestAborted);
        if (fields.Error is { } error)
        {
            return FeeeResult.Invalid(error);
        }

        // Decision: energy when not given; a relayer in the wild submits without resource_type.
        var resourceType = fields.Integer("resource_type") ?? 1;
        if (resourceType != 1)
        {
            fields.Fail("resource_type", resourceType == 0 ? "bandwidth (0) is not offered; use 1 (energy)" : "must be 1 (energy)");
        }

        var address = fields.String("receive_address", required: true, maxLength: 64);
        if (address is not null && !TronAddress.IsValid(address))
        {
            fields.Fail("receive_address", "must be a TRON address: 34 characters starting with T, with a valid checksum");
        }

        var rental = FeeeRental.Read(fields, options.Feee);
        if (!fields.Ok || rental is null)
        {
            return FeeeResult.Invalid(fields.FirstError);
        }

        var caller = http.FeeeCaller();
        var result = await engine.PlaceAsync(FeeeOrders.Place(caller.AccountId, rental, address!, options.Feee), http.RequestAborted);
        return result.Status switch
        {
            PlaceStatus.Placed => FeeeResult.Ok(BuyOrderDetail.From(result.Order!)),
            PlaceStatus.InsufficientBalance => new FeeeResult(
                FeeeCodes.InsufficientBalance, $"insufficient balance: the order costs {Decimals.ToText(rental.PayAmount)} TRX"),
            _ => FeeeResult.Invalid($"{result.Field}: {result.Message}"),
        };
    }

    private static async Task<IResult> Query(HttpContext http, IOrderStore store)
    {
        var fields = await FeeeParameters.ReadAsync(http.Request, http.RequestAborted);
        if (fields.Error is { } error)
        {
            return FeeeResult.Invalid(error);
        }

        if (OrderNumber(fields) is not { } number)
        {
            return FeeeResult.Invalid(fields.FirstError);
        }

        var order = await store.GetOrderAsync(new OrderRef.ByNumber(number), http.FeeeCaller().AccountId, http.RequestAborted);
        return order is { Dialect: DialectNames.Feee } ? FeeeResult.Ok(BuyOrderDetail.From(order)) : FeeeResult.OrderNotFound();
    }

    private static async Task<IResult> Cancel(HttpContext http, OrderEngine engine, TimeProvider clock)
    {
        var fields = await FeeeParameters.ReadAsync(http.Request, http.RequestAborted);
        if (fields.Error is { } error)
        {
            return FeeeResult.Invalid(error);
        }

        if (OrderNumber(fields) is not { } number)
        {
            return FeeeResult.Invalid(fields.FirstError);
        }

        var caller = http.FeeeCaller();
        var result = await engine.CancelAsync(
            new CancelOrder(caller.Owner, new OrderRef.ByNumber(number), caller.AccountId, "cancelled by the buyer"), http.RequestAborted);
        return result.Status switch
        {
            CancelStatus.Cancelled or CancelStatus.AlreadyCancelled => FeeeResult.Ok(BuyOrderDetail.From(result.Order!)),
            CancelStatus.NotFound => FeeeResult.OrderNotFound(),
            CancelStatus.TooEarly => TooEarly(result.Order!, result.RetryAfter!.Value, clock),
            _ => new FeeeResult(FeeeCodes.NotCancellable, $"order cannot be cancelled in its status ({FeeeStatus.Of(result.Order!).Status})"),
        };
    }

    private static FeeeResult TooEarly(Order order, DateTimeOffset opensAt, TimeProvider clock)
    {
        var window = order.CancelNotBefore.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);
        var when = opensAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var wait = Math.Max(1, (int)Math.Ceiling((opensAt - clock.GetUtcNow()).TotalSeconds));
        return new FeeeResult(
            FeeeCodes.CancelTooEarly,
            $"order cannot be cancelled within {window} minutes of creation; earliest cancel time {when} UTC (unix {opensAt.ToUnixTimeSeconds()})")
        {
            RetryAfterSeconds = wait,
        };
    }

    private static async Task<IResult> Price(HttpContext http, ServerOptions options)
    {
        var fields = await FeeeParameters.ReadAsync(http.Request, http.RequestAborted);
        if (fields.Error is { } error)
        {
            return FeeeResult.Invalid(error);
        }

        if (FeeeRental.Read(fields, options.Feee) is not { } rental)
        {
            return FeeeResult.Invalid(fields.FirstError);
        }

        return FeeeResult.Ok(new FeeePrice(
            rental.ResourceValue, rental.PayAmount, rental.ServiceAmount, rental.RentDuration, rental.RentTimeUnit, rental.RentTimeSecond, rental.PriceInSun));
    }

    private static async Task<IResult> Account(HttpContext http, IOrderStore store, ServerOptions options)
    {
        var balances = await store.GetBalancesAsync(http.FeeeCaller().AccountId, http.RequestAborted);
        var trx = balances.FirstOrDefault(b => b.Asset == FeeeOrders.Asset)?.Available ?? 0m;
        var topUp = options.Feee.RechargeAddress;
        return FeeeResult.Ok(new FeeeAccount(Decimals.Normalize(trx), topUp, topUp));
    }

    private static string? OrderNumber(FeeeParameters fields)
    {
        var number = fields.String("order_no", required: true, maxLength: 64);
        if (number is not null && !FeeeNumbers.IsWellFormed(number))
        {
            fields.Fail("order_no", "must be a 22-digit order number");
            return null;
        }

        return number;
    }
}

public sealed record FeeePrice(long ResourceValue, decimal PayAmount, decimal ServiceAmount, long RentDuration, string RentTimeUnit, long RentTimeSecond, long PriceInSun);

/// <summary>The account's available TRX, and the platform's TRON address to top it up (both fields: Feee shows the same one).</summary>
public sealed record FeeeAccount(decimal TrxMoney, string? TrxAddress, string? RechargeAddress);
