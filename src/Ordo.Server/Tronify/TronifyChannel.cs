using System.Text.Json;

using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tronify;

/// <summary>
/// Opens a Tronify call: the client address's throttle, the JSON body, the <c>sourceFlag</c> channel
/// it names, (for calls that change an order) the <c>flag</c> signature, and only then the channel's
/// rate limit, so a caller without the secret cannot spend the channel's budget. An unknown channel
/// or a wrong flag spends from the address's throttle, and so does every
/// unsigned fastTrade call (quote, create), before the channel's budget. The channel is named in the body, so unlike
/// the other dialects this cannot run before the body is read.
/// </summary>
public sealed class TronifyChannel(CredentialLookup credentials, SecretBox box, CredentialRateLimiter limiter, ClientThrottle throttle)
{
    public sealed record Request(FieldReader Fields, JsonElement Body, DialectCaller Caller, string SourceFlag);

    public sealed record Opened(Request? Request, TronifyResult? Refusal);

    public Task<Opened> OpenAsync(HttpContext http, bool signed) => OpenAsync(http, _ => signed);

    /// <param name="signed">Whether this body must carry <c>flag</c> (addTronRentRecord: all but fastTrade, where the buyer pays on chain).</param>
    /// <remarks>
    /// An unsigned call (pledgeConfig, the listings, fastTrade's quote and create) also spends a token of
    /// the client address's throttle before the channel's budget: a sourceFlag is public (Ledger Live ships
    /// its own), so one address must not be able to exhaust the channel for every wallet.
    /// </remarks>
    public async Task<Opened> OpenAsync(HttpContext http, Func<JsonElement, bool> signed)
    {
        if (!throttle.Allows(http, out var wait))
        {
            return Refuse(TooMany(wait));
        }

        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject: false, http.RequestAborted);
        if (body.Error is { } error)
        {
            return Refuse(TronifyResult.Invalid(error));
        }

        var fields = new FieldReader(body.Root);
        var sourceFlag = fields.String("sourceFlag", required: true, maxLength: 64);
        if (sourceFlag is null)
        {
            return Refuse(TronifyResult.Invalid(fields.FirstError));
        }

        var credential = await credentials.FindAsync(DialectNames.Tronify, sourceFlag, http.RequestAborted);
        if (credential?.SealedSecret is null)
        {
            throttle.Failed(http);
            return Refuse(new TronifyResult(TronifyCodes.UnknownSourceFlag, $"unknown sourceFlag '{sourceFlag}'"));
        }

        if (signed(body.Root))
        {
            var flag = fields.String(TronifyFlag.Field, required: true, maxLength: 64);
            if (flag is null)
            {
                return Refuse(TronifyResult.Invalid(fields.FirstError));
            }

            var secret = box.Open(credential.SealedSecret, CredentialIssuer.TronifyBinding(sourceFlag))
                ?? throw new InvalidOperationException($"the secret of Tronify channel {credential.Id} does not open with this server's secrets key");
            if (!TronifyFlag.Matches(flag, TronifyFlag.Compute(body.Root, secret)))
            {
                throttle.Failed(http);
                return Refuse(new TronifyResult(TronifyCodes.FlagMismatch, "flag mismatch: the signature does not match the request"));
            }
        }
        else if (!throttle.TryAcquire(http, out var addressWait))
        {
            return Refuse(TooMany(addressWait));
        }

        var caller = new DialectCaller(DialectNames.Tronify, credential.AccountId, credential.Id);
        if (!limiter.TryAcquire(caller.CredentialKey, out var retry))
        {
            return Refuse(TooMany(retry));
        }

        return new Opened(new Request(fields, body.Root, caller, sourceFlag), null);
    }

    private static TronifyResult TooMany(int retry) =>
        new(TronifyCodes.TooManyRequests, $"too many requests: retry after {retry} s") { RetryAfterSeconds = retry };

    private static Opened Refuse(TronifyResult refusal) => new(null, refusal);
}
