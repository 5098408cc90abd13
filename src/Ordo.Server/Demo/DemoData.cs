using Ordo.Core.Engine;
using Ordo.Core.Ledger;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Feee;
using Ordo.Server.Tronify;

namespace Ordo.Server.Demo;

/// <summary>
/// <c>ordo serve --demo</c>: on an empty database, a demo account with one credential per dialect,
/// balances, two markets, and the orders the platforms' cancel pages cancel in their examples
/// (Feee's <c>2304170329503866885309</c>, created ten minutes back so its 5-minute window is open,
/// and Tronify's <c>mt1wxcl1_dplo_r0qp_5bho_w5an5hev6d70</c>), so those examples run with only the
/// host and keys changed. The secrets are fixed and printed with a ready-to-run curl line per
/// cancel. Never use demo mode for real money: anyone who has read the README knows the keys. The
/// demo credentials are marked as such, so the same database served without --demo refuses them,
/// and --demo listens on loopback addresses only (<see cref="LoopbackUrls"/>).
/// </summary>
public static class DemoData
{
    public const string NativeKey = "ordo_demo_native_key";
    public const string AdminKey = "ordo_demo_admin_key";
    public const string FeeeKey = "ordo_demo_feee_key";
    public const string TronifySourceFlag = "tronLink";
    public const string TronifySecret = "ordo_demo_tronify_secret";
    public const string FeeeOrderNo = "2304170329503866885309";
    public const string TronifyOrderId = "mt1wxcl1_dplo_r0qp_5bho_w5an5hev6d70";
    public const string Address = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    /// <summary>The demo tanX user's Ethereum key: the well-known example key of web3.js's documentation.</summary>
    public const string TanxPrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    public const string TanxAddress = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";

    /// <summary>The demo user's resting, partly filled buy: order 3, the id the tanX cancel page's example cancels.</summary>
    public const long TanxOrderId = 3;

    public const string FungiesPublicKey = "pub_ordo_demo_fungies";
    public const string FungiesSecretKey = "sec_ordo_demo_fungies";
    public const string FungiesReadPublicKey = "pub_ordo_demo_fungies_read";
    public const string FungiesReadSecretKey = "sec_ordo_demo_fungies_read";
    public const string FungiesOrderNumber = "DEMOORDER001";
    public const string XendSecretKey = "ordo_demo_xendbridge_key";
    public const string XendCustomer = "johndoe@gmail.com";
    public const string XendOrderReference = "XB_0877e5692ee946f491bafab275d3d522";

    public static async Task<string> SeedAsync(IServiceProvider services, string url)
    {
        var store = services.GetRequiredService<IOrderStore>();
        var administration = services.GetRequiredService<Administration>();
        var issuer = services.GetRequiredService<CredentialIssuer>();
        var options = services.GetRequiredService<ServerOptions>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (await store.FindCredentialAsync(DialectNames.Native, Secrets.Hash(NativeKey)) is { } existing)
        {
            return Describe(existing.AccountId, fresh: false, url);
        }

        if (await store.GetAccountAsync(SystemAccounts.FirstTenant) is not null)
        {
            return "Demo mode: the database already has accounts, so no demo data was added.";
        }

        var account = (await administration.CreateAccountAsync("demo", "demo@example.com")).Id;
        await issuer.NativeAsync(account, [Scopes.OrdersRead, Scopes.OrdersWrite, Scopes.FillsWrite], NativeKey);
        await issuer.NativeAsync(account, Scopes.All, AdminKey);
        await issuer.FeeeAsync(account, FeeeKey);
        await issuer.TronifyAsync(account, TronifySourceFlag, TronifySecret);
        await issuer.TanxAsync(account, TanxAddress, demo: true);
        await issuer.FungiesAsync(account, write: true, FungiesPublicKey, FungiesSecretKey);
        await issuer.FungiesAsync(account, write: false, FungiesReadPublicKey, FungiesReadSecretKey);
        await issuer.XendBridgeAsync(account, XendSecretKey);
        foreach (var (asset, amount) in new[] { ("TRX", 100_000m), ("USDC", 1_000_000m), ("BTC", 10m), ("ETH", 100m) })
        {
            await administration.DepositAsync(account, asset, amount, $"demo-{asset}");
        }


        var feeeRental = new FeeeRental(32_000, 10, "m", 600, FeeeRental.TierPrice(600, options.Feee), options.Feee.ServiceAmount);
        var tenMinutesAgo = new OrderEngine(store, new ShiftedClock(clock, TimeSpan.FromMinutes(-10)));
        await tenMinutesAgo.PlaceAsync(FeeeOrders.Place(account, feeeRental, Address, options.Feee, (_, _) => FeeeOrderNo));

        var tronifyRent = new TronifyRent(Address, Address, 32_000, 1, 0, 0, options.Tronify.DefaultEnergyPrice, "freedom");
        var channel = new DialectCaller(DialectNames.Tronify, account, 0);
        await services.GetRequiredService<OrderEngine>().PlaceAsync(
            tronifyRent.ToCommand(channel, TronifySourceFlag, options.Tronify, (_, _) => TronifyOrderId));
        await DemoMarkets.SeedAsync(services, account);
        await DemoStoreAndP2p.SeedAsync(services, account);
        return Describe(account, fresh: true, url);
    }

    private static string Describe(long account, bool fresh, string url)
    {
        var host = url.TrimEnd('/');
        var flag = TronifyFlag.Compute($"orderId={TronifyOrderId}&sourceFlag={TronifySourceFlag}", TronifySecret);
        return $$"""
            Demo mode ({{(fresh ? "created just now" : "already present")}}): account {{account}}
              native key (orders, fills): {{NativeKey}}
              native key (admin):         {{AdminKey}}
              feee key:                   {{FeeeKey}}
              tronify sourceFlag/secret:  {{TronifySourceFlag}} / {{TronifySecret}}
              balances: 100000 TRX, 1000000 USDC, 10 BTC, 100 ETH; markets btcusdc, ethusdc
              try: curl -s -H 'Authorization: Bearer {{NativeKey}}' {{host}}/v1/orders
            Cancel the demo orders (the seed pages' own examples):
              feee:    curl -s -X POST {{host}}/open/v2/order/cancel -H 'key: {{FeeeKey}}' -H 'Content-Type: application/json' -d '{"order_no": "{{FeeeOrderNo}}"}'
              tronify: curl -s -X POST {{host}}/api/tronRent/cancelOrder -H 'Content-Type: application/json' -d '{"orderId": "{{TronifyOrderId}}", "flag": "{{flag}}", "sourceFlag": "{{TronifySourceFlag}}"}'
              tanx:    T=$(./ordo tanx-login --url {{host}} --private-key {{TanxPrivateKey}})
                       curl -s -X POST {{host}}/sapi/v1/orders/cancel/ -H "Authorization: JWT $T" -H 'Content-Type: application/json' -d '{"order_id": {{TanxOrderId}}}'
              fungies: curl -s -X PATCH {{host}}/v0/orders/{{FungiesOrderNumber}}/cancel -H 'x-fngs-public-key: {{FungiesPublicKey}}' -H 'x-fngs-secret-key: {{FungiesSecretKey}}' -H 'Content-Type: application/json' -d '{}'
              xendbridge: curl -s -X POST {{host}}/api/PeerToPeerOrder/ThirdParty/Order/Cancel -H 'secretKey: {{XendSecretKey}}' -H 'Content-Type: application/json' -d '{"emailAddress": "{{XendCustomer}}", "orderReference": "{{XendOrderReference}}"}'
            tanx user {{TanxAddress}}; markets btcusdc and ethusdc have resting buys and sells from a market-maker account.
            fungies keys: {{FungiesPublicKey}} / {{FungiesSecretKey}} (write), {{FungiesReadPublicKey}} / {{FungiesReadSecretKey}} (read only).
            xendbridge secretKey: {{XendSecretKey}}; the p2p order waits 15 minutes for payment, then the system cancels it.
            """;
    }

    /// <summary>A clock running behind the real one, to create the demo order its cancel window has already passed.</summary>
    private sealed class ShiftedClock(TimeProvider inner, TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + shift;
    }
}
