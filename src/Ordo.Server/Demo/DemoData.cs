using Ordo.Core.Accounts;
using Ordo.Core.Engine;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;
using Ordo.Core.Store;
using Ordo.Server.Auth;

namespace Ordo.Server.Demo;

/// <summary>
/// <c>ordo serve --demo</c>: on an empty database, a demo account with a native key, balances and
/// two markets. The demo key is fixed and printed, so the README's examples run as written. Never
/// use demo mode for real money: anyone who has read the README knows the key.
/// </summary>
public static class DemoData
{
    public const string NativeKey = "ordo_demo_native_key";
    public const string AdminKey = "ordo_demo_admin_key";

    public static async Task<string> SeedAsync(IServiceProvider services, string url)
    {
        var store = services.GetRequiredService<IOrderStore>();
        var administration = services.GetRequiredService<Administration>();
        if (await store.FindCredentialAsync(OrderEngine.NativeDialect, Secrets.Hash(NativeKey)) is { } existing)
        {
            return Describe(existing.AccountId, fresh: false, url);
        }

        if (await store.GetAccountAsync(SystemAccounts.FirstTenant) is not null)
        {
            return "Demo mode: the database already has accounts, so no demo data was added.";
        }

        var account = await administration.CreateAccountAsync("demo", "demo@example.com");
        await AddKey(administration, account.Id, NativeKey, [Scopes.OrdersRead, Scopes.OrdersWrite, Scopes.FillsWrite]);
        await AddKey(administration, account.Id, AdminKey, Scopes.All);
        foreach (var (asset, amount) in new[] { ("TRX", 100_000m), ("USDC", 1_000_000m), ("BTC", 10m), ("ETH", 100m) })
        {
            await administration.DepositAsync(account.Id, asset, amount, $"demo-{asset}");
        }

        await administration.SaveMarketAsync(new Market("btcusdc", "BTC", "USDC", 2, 4, 0.0001m, 0.0004m, 0.0007m));
        await administration.SaveMarketAsync(new Market("ethusdc", "ETH", "USDC", 2, 4, 0.001m, 0.0004m, 0.0007m));
        return Describe(account.Id, fresh: true, url);
    }

    private static Task<Credential?> AddKey(Administration administration, long account, string key, IReadOnlyList<string> scopes) =>
        administration.AddCredentialAsync(new Credential(0, account, OrderEngine.NativeDialect, Secrets.Hash(key), null, null, scopes, new Dictionary<string, string>(), default));

    private static string Describe(long account, bool fresh, string url) => $"""
        Demo mode ({(fresh ? "created just now" : "already present")}): account {account}
          native key (orders, fills): {NativeKey}
          native key (admin):         {AdminKey}
          balances: 100000 TRX, 1000000 USDC, 10 BTC, 100 ETH; markets btcusdc, ethusdc
          try: curl -s -H 'Authorization: Bearer {NativeKey}' {url.TrimEnd('/')}/v1/orders
        """;
}
