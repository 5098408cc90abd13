using Ordo.Core;
using Ordo.Core.Ledger;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tanx;

/// <summary>
/// tanX's account reads, <c>/user/profile/</c> and <c>/user/balance/</c>, as its SDKs read them.
/// Where Ordo has no such thing: <c>img</c> is null (no avatars), <c>stark_key</c> is "" (no StarkEx
/// vault: Ordo settles nothing on layer 2), <c>deposit_address</c> is null (deposits are booked by
/// an operator, not sent to an address).
/// </summary>
public static class TanxUserEndpoints
{
    /// <summary><c>name</c> is the account's, <c>customer_id</c> its id, <c>username</c> the wallet address that logged in.</summary>
    public static async Task<IResult> Profile(HttpContext http, IOrderStore store, CredentialLookup credentials)
    {
        var caller = http.TanxCaller();
        var account = await store.GetAccountAsync(caller.AccountId, http.RequestAborted);
        var credential = await credentials.GetAsync(caller.CredentialId, http.RequestAborted);
        return TanxResult.Ok("Successful", new TanxProfile(
            account?.Name ?? "", caller.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, credential?.LookupKey ?? "", ""));
    }

    /// <summary>
    /// Every asset the account holds, currencies in lower case as in market names; <c>balance</c> is
    /// what is available, <c>locked</c> what open orders hold. With <c>currency</c>, that one balance
    /// as an object (tanX's Go SDK decodes an object; the others take either), zero if never held.
    /// </summary>
    public static async Task<IResult> Balance(HttpContext http, IOrderStore store)
    {
        var fields = new FieldReader(QueryJson.From(http.Request.Query));
        var currency = fields.String("currency", maxLength: 16);
        if (currency is not null && !currency.All(char.IsAsciiLetterOrDigit))
        {
            fields.Fail("currency", "must be an asset's symbol, such as \"usdc\"");
        }

        if (!fields.Ok)
        {
            return TanxResult.Invalid(fields.FirstError);
        }

        var balances = await store.GetBalancesAsync(http.TanxCaller().AccountId, http.RequestAborted);
        if (currency is null)
        {
            return TanxResult.Ok("Retrieved Successfully", balances.Select(From).ToList());
        }

        var held = balances.FirstOrDefault(b => string.Equals(b.Asset, currency, StringComparison.OrdinalIgnoreCase));
        return TanxResult.Ok("Retrieved Successfully", held is null ? new TanxBalance(currency.ToLowerInvariant(), "0", "0", null) : From(held));
    }

    private static TanxBalance From(Balance balance) =>
        new(balance.Asset.ToLowerInvariant(), Decimals.ToText(balance.Available), Decimals.ToText(balance.Locked), null);
}

public sealed record TanxProfile(string Name, string CustomerId, string? Img, string Username, string StarkKey);

public sealed record TanxBalance(string Currency, string Balance, string Locked, string? DepositAddress);
