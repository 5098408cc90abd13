using Ordo.Core.Engine;
using Ordo.Core.Matching;
using Ordo.Server.Auth;

namespace Ordo.Server.Native;

/// <summary>A market's order book as it stands: levels best first, orders in time priority (scope <c>orders:read</c>).</summary>
public static class MarketEndpoints
{
    public static void MapNativeMarkets(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/markets").WithTags("Markets")
            .MapGet("/{name}/book", Book).RequireScope(Scopes.OrdersRead).Produces<BookDepth>().ProducesProblem(404)
            .WithSummary("The order book: every level and every resting order, in priority");
    }

    private static async Task<IResult> Book(string name, OrderEngine engine, HttpContext http) =>
        await engine.DepthAsync(name, http.RequestAborted) is { } depth ? TypedResults.Ok(depth) : Problems.NotFound("market");
}
