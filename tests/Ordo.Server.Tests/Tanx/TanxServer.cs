using System.Net.Http.Json;

namespace Ordo.Server.Tests.Tanx;

/// <summary>Defines the test market through the admin API: btcusdc, 2 price and 4 volume decimals, maker 0.04%, taker 0.07%.</summary>
public static class TanxServer
{
    public static async Task MarketAsync(this ServerFixture server, string name = "btcusdc")
    {
        using var admin = server.Admin();
        await MarketAsync(admin, name);
    }

    public static async Task MarketAsync(HttpClient admin, string name = "btcusdc") =>
        (await admin.PutAsJsonAsync($"/v1/markets/{name}", new
        {
            @base = "BTC",
            quote = "USDC",
            price_precision = 2,
            volume_precision = 4,
            min_volume = "0.0001",
            maker_fee = "0.0004",
            taker_fee = "0.0007",
        })).EnsureSuccessStatusCode();
}
