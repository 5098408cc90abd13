using System.Net.Mail;

using Ordo.Core.Accounts;
using Ordo.Core.Engine;
using Ordo.Core.Markets;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>Operator endpoints (scope <c>admin</c>): accounts, credentials, deposits, balances, markets.</summary>
public static class AdminEndpoints
{
    public static void MapNativeAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1").WithTags("Admin");
        admin.MapPost("/accounts", CreateAccount).RequireScope(Scopes.Admin).WithIdempotency()
            .DocumentsBody<AccountBody>().Produces<AccountDto>(201).ProducesProblem(400);
        admin.MapGet("/accounts/{id:long}", GetAccount).RequireScope(Scopes.Admin).Produces<AccountDto>().ProducesProblem(404);
        admin.MapPost("/accounts/{id:long}/credentials", CreateCredential).RequireScope(Scopes.Admin).WithIdempotency(withoutSecrets: ["key", "secret", "secret_key"])
            .DocumentsBody<CredentialBody>().Produces<CredentialDto>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        admin.MapDelete("/accounts/{id:long}/credentials/{credentialId:long}", RevokeCredential).RequireScope(Scopes.Admin)
            .Produces(204).ProducesProblem(404);
        admin.MapPost("/accounts/{id:long}/deposits", Deposit).RequireScope(Scopes.Admin).WithIdempotency()
            .DocumentsBody<DepositBody>().Produces<BalancesDto>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        admin.MapGet("/accounts/{id:long}/balances", Balances).RequireScope(Scopes.Admin).Produces<BalancesDto>().ProducesProblem(404);
        admin.MapPut("/markets/{name}", PutMarket).RequireScope(Scopes.Admin)
            .DocumentsBody<MarketBody>().Produces<MarketDto>().ProducesProblem(400).ProducesProblem(409);
    }

    private static async Task<IResult> CreateAccount(HttpContext http, Administration administration)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: false);
        if (bad is not null)
        {
            return bad;
        }

        var name = fields.String("name", required: true, maxLength: 128);
        var email = fields.String("email", maxLength: 254);
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            fields.Fail("email", "must be an e-mail address");
        }

        if (!fields.Ok)
        {
            return Problems.InvalidRequest(fields);
        }

        var account = await administration.CreateAccountAsync(name!, email, http.RequestAborted, http.AnswerInSameWrite<Account>(Created));
        return Created(account);
    }

    private static IResult Created(Account account) => TypedResults.Created($"/v1/accounts/{account.Id}", AccountDto.From(account));

    private static async Task<IResult> GetAccount(long id, IOrderStore store, HttpContext http) =>
        await store.GetAccountAsync(id, http.RequestAborted) is { } account
            ? TypedResults.Ok(AccountDto.From(account))
            : Problems.NotFound("account");

    private static async Task<IResult> CreateCredential(long id, HttpContext http, CredentialIssuer issuer)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: false);
        if (bad is not null)
        {
            return bad;
        }

        var dialect = fields.String("dialect", required: true, maxLength: 32);
        if (dialect is not null && !DialectNames.WithCredentials.Contains(dialect))
        {
            fields.Fail("dialect", $"must be one of: {string.Join(", ", DialectNames.WithCredentials)}");
        }

        var scopes = fields.StringList("scopes") ?? [Scopes.OrdersRead, Scopes.OrdersWrite];
        if (scopes.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown)
        {
            fields.Fail("scopes", $"unknown scope '{unknown}'; known: {string.Join(", ", Scopes.All)}");
        }

        var sourceFlag = dialect == DialectNames.Tronify ? fields.String("source_flag", required: true, maxLength: 64) : null;
        if (sourceFlag is not null && !SourceFlags.IsValid(sourceFlag))
        {
            fields.Fail("source_flag", SourceFlags.Rule);
        }

        var ethAddress = dialect == DialectNames.Tanx ? fields.String("eth_address", required: true, maxLength: 42) : null;
        if (ethAddress is not null && !CredentialIssuer.IsEthAddress(ethAddress))
        {
            fields.Fail("eth_address", "must be an Ethereum address: 0x and 40 hex digits");
        }

        var access = dialect == DialectNames.Fungies ? fields.Choice("access", Access, required: true) : null;
        if (!fields.Ok || dialect is null)
        {
            return Problems.InvalidRequest(fields);
        }

        IResult Render(IssuedCredential issued) => issued.Status switch
        {
            CredentialStatus.Added => TypedResults.Created($"/v1/accounts/{id}/credentials/{issued.Credential!.Id}", issued.Credential),
            CredentialStatus.LookupKeyTaken when dialect == DialectNames.Tanx => Problems.EthAddressTaken(ethAddress!),
            CredentialStatus.LookupKeyTaken => Problems.SourceFlagTaken(sourceFlag!),
            CredentialStatus.SystemAccount => Problems.SystemAccount(id),
            _ => Problems.NotFound("account"),
        };

        // The answer is kept with the new credential (secrets stripped, see WithIdempotency), so a retry never issues a second one.
        var keep = http.AnswerInSameWrite<IssuedCredential>(Render);
        var ct = http.RequestAborted;
        return Render(dialect switch
        {
            DialectNames.Fungies => await issuer.FungiesAsync(id, access!.Value, cancellationToken: ct, sameWrite: keep),
            DialectNames.XendBridge => await issuer.XendBridgeAsync(id, cancellationToken: ct, sameWrite: keep),
            DialectNames.Tanx => await issuer.TanxAsync(id, ethAddress!, cancellationToken: ct, sameWrite: keep),
            DialectNames.Feee => await issuer.FeeeAsync(id, cancellationToken: ct, sameWrite: keep),
            DialectNames.Tronify => await issuer.TronifyAsync(id, sourceFlag!, cancellationToken: ct, sameWrite: keep),
            _ => await issuer.NativeAsync(id, scopes, cancellationToken: ct, sameWrite: keep),
        });
    }

    /// <summary>
    /// Revokes at once: every dialect refuses the credential from the next request on, and tanX tokens
    /// issued under it stop working. 204 with no body, again on a repeat (the credential stays revoked);
    /// an unknown credential or another account's is 404 <c>credential_not_found</c>.
    /// </summary>
    private static async Task<IResult> RevokeCredential(long id, long credentialId, HttpContext http, Administration administration) =>
        await administration.RevokeCredentialAsync(id, credentialId, http.RequestAborted) == RevokeStatus.NotFound
            ? Problems.CredentialNotFound()
            : TypedResults.NoContent();

    private static readonly IReadOnlyDictionary<string, bool> Access = new Dictionary<string, bool> { ["read"] = false, ["write"] = true };

    private static async Task<IResult> Deposit(long id, HttpContext http, Administration administration, IOrderStore store)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: false);
        if (bad is not null)
        {
            return bad;
        }

        var asset = fields.String("asset", required: true, maxLength: 16);
        if (asset is not null && (asset.Length < 2 || !asset.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))))
        {
            fields.Fail("asset", "must be an upper-case asset code such as TRX or USDC");
        }

        var amount = fields.Decimal("amount", required: true);
        var externalId = fields.String("external_id", required: true, maxLength: 128);
        if (!fields.Ok)
        {
            return Problems.InvalidRequest(fields);
        }

        var status = await administration.DepositAsync(id, asset!, amount!.Value, externalId!, http.RequestAborted);
        if (status == DepositStatus.AccountNotFound)
        {
            return Problems.NotFound("account");
        }

        if (status == DepositStatus.SystemAccount)
        {
            return Problems.SystemAccount(id);
        }

        return await Balances(id, store, http);
    }

    private static async Task<IResult> Balances(long id, IOrderStore store, HttpContext http)
    {
        if (await store.GetAccountAsync(id, http.RequestAborted) is null)
        {
            return Problems.NotFound("account");
        }

        var balances = await store.GetBalancesAsync(id, http.RequestAborted);
        return TypedResults.Ok(new BalancesDto(balances.Select(BalanceDto.From).ToList()));
    }

    private static async Task<IResult> PutMarket(string name, HttpContext http, Administration administration)
    {
        var (fields, bad) = await NativeBody.ReadAsync(http, emptyIsObject: false);
        if (bad is not null)
        {
            return bad;
        }

        if (name.Length is 0 or > 32 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            fields.Fail("name", "must be lower-case letters and digits, e.g. btcusdc");
        }

        var market = new Market(
            name,
            fields.String("base", required: true, maxLength: 16) ?? "",
            fields.String("quote", required: true, maxLength: 16) ?? "",
            (int)(fields.Integer("price_precision", required: true, min: 0, max: Market.MaxPrecision) ?? 0),
            (int)(fields.Integer("volume_precision", required: true, min: 0, max: Market.MaxPrecision) ?? 0),
            fields.Decimal("min_volume", required: true) ?? 0,
            fields.Decimal("maker_fee", required: true, allowZero: true) ?? 0,
            fields.Decimal("taker_fee", required: true, allowZero: true) ?? 0);
        if (!fields.Ok)
        {
            return Problems.InvalidRequest(fields);
        }

        var result = await administration.SaveMarketAsync(market, http.RequestAborted);
        return result.Status switch
        {
            MarketStatus.Saved => TypedResults.Ok(MarketDto.From(result.Market)),
            MarketStatus.HasRestingOrders => Problems.MarketHasRestingOrders(result.Field!, result.Message!),
            _ => Problems.InvalidRequest(result.Field!, result.Message!),
        };
    }
}
