using System.Net;
using System.Text.Json.Nodes;

using Ordo.Server.Tanx;

namespace Ordo.Server.Tests.Tanx.Clients;

/// <summary>What every SDK test needs: a server with btcusdc, someone selling in it, and a login as the SDKs do it.</summary>
public static class SdkMarket
{
    /// <summary>A seller resting 0.01 BTC at 29000 in btcusdc, for the SDK's market buy to take.</summary>
    public static async Task<TanxUser> SellerAsync(ServerFixture server)
    {
        await server.MarketAsync();
        var seller = await TanxUser.CreateAsync(server, usdc: 0m, btc: 1m);
        await seller.PlaceAsync("sell", "0.01", "29000");
        return seller;
    }

    /// <summary>Nonce, <c>personal_sign</c> of its payload, login at the SDK's paths; keeps the tokens as the SDK does.</summary>
    public static async Task<JsonNode> LoginAsync(SdkWire sdk, string noncePath, string loginPath, string key, string address, Func<string, string>? signatureText = null)
    {
        var (status, nonce) = await sdk.PostAsync(noncePath, $$"""{"eth_address": "{{address}}"}""");
        status.ShouldBe(HttpStatusCode.OK, nonce.ToJsonString());
        var signature = Ethereum.PersonalSign(nonce["payload"]!.GetValue<string>(), key);
        var (logged, login) = await sdk.PostAsync(loginPath, $$"""{"eth_address": "{{address}}", "user_signature": "{{(signatureText ?? (s => s))(signature)}}"}""");
        logged.ShouldBe(HttpStatusCode.OK, login.ToJsonString());
        login["status"]!.GetValue<string>().ShouldBe("success");
        sdk.Jwt = login["token"]!["access"]!.GetValue<string>();
        sdk.Refresh = login["token"]!["refresh"]!.GetValue<string>();
        return login;
    }

    /// <summary>A StarkEx signature's shape, <c>{r, s}</c> as 0x-hex: Ordo keeps it and does not verify it.</summary>
    public static string Signature(string seed) =>
        $$"""{"r": "0x{{Convert.ToHexStringLower(Ethereum.Keccak256(System.Text.Encoding.UTF8.GetBytes("r" + seed)))[1..]}}", "s": "0x{{Convert.ToHexStringLower(Ethereum.Keccak256(System.Text.Encoding.UTF8.GetBytes("s" + seed)))[1..]}}"}""";
}
