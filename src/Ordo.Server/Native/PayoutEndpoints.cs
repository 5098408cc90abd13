using System.Globalization;

using Ordo.Core.Ledger;
using Ordo.Core.Store;
using Ordo.Server.Auth;

namespace Ordo.Server.Native;

/// <summary>
/// <c>GET /v1/payouts</c>: money owed to addresses outside Ordo (refunds of orders paid on chain),
/// newest first, cursor-paginated like the order list. An operator sees every account's; any other
/// caller its own account's. Ordo holds no key: the operator sends them.
/// </summary>
public static class PayoutEndpoints
{
    public static void MapNativePayouts(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/payouts", List).WithTags("Payouts").RequireScope(Scopes.OrdersRead).Produces<PayoutPage>().ProducesProblem(400)
            .WithSummary("List payouts owed to outside addresses, newest first");

    private static async Task<IResult> List(HttpContext http, IOrderStore store)
    {
        var caller = http.Caller();
        if (ListRequest.Page(http.Request.Query, out var limit, out var before) is { } problem)
        {
            return problem;
        }

        var query = new PayoutQuery { AccountId = caller.OrderScope, Limit = limit, BeforeId = before };
        string? Param(string name) => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;
        if (Param("order_id") is { } orderText)
        {
            if (!long.TryParse(orderText, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
            {
                return Problems.InvalidRequest("order_id", "must be an order id (a whole number)");
            }

            query = query with { OrderId = orderId };
        }

        var payouts = await store.ListPayoutsAsync(query, http.RequestAborted);
        var next = payouts.Count == query.Limit ? Cursors.Encode(payouts[^1].Id) : null;
        return TypedResults.Ok(new PayoutPage(payouts.Select(PayoutDto.From).ToList(), next));
    }
}

/// <summary>A payout as the native API shows it: what to send, where, and why.</summary>
public sealed record PayoutDto(long Id, long OrderId, long AccountId, string Asset, decimal Amount, string Address, string Reason, DateTimeOffset CreatedAt)
{
    public static PayoutDto From(Payout p) => new(p.Id, p.OrderId, p.AccountId, p.Asset, p.Amount, p.Address, p.Reason, p.CreatedAt);
}

/// <summary>One page of payouts; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record PayoutPage(IReadOnlyList<PayoutDto> Data, string? NextCursor);
