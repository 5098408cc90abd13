using System.Text.Json;

using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tronify;

/// <summary>
/// Opens a Tronify call: the JSON body, the <c>sourceFlag</c> channel it names, the rate limit, and
/// (for calls that change an order) the <c>flag</c> signature, in that order. The channel is
/// named in the body, so unlike the other dialects this cannot run before the body is read.
/// </summary>
public sealed class TronifyChannel(IOrderStore store, SecretBox box, CredentialRateLimiter limiter)
{
    public sealed record Request(FieldReader Fields, JsonElement Body, DialectCaller Caller, string SourceFlag);

    public sealed record Opened(Request? Request, TronifyResult? Refusal);

    public async Task<Opened> OpenAsync(HttpContext http, bool signed)
    {
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

        var credential = await store.FindCredentialAsync(DialectNames.Tronify, sourceFlag, http.RequestAborted);
        if (credential?.SealedSecret is null)
        {
            return Refuse(new TronifyResult(TronifyCodes.UnknownSourceFlag, $"unknown sourceFlag '{sourceFlag}'"));
        }

        var caller = new DialectCaller(DialectNames.Tronify, credential.AccountId, credential.Id);
        if (!limiter.TryAcquire(caller.CredentialKey, out var retry))
        {
            return Refuse(new TronifyResult(TronifyCodes.TooManyRequests, $"too many requests: retry after {retry} s") { RetryAfterSeconds = retry });
        }

        if (signed)
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
                return Refuse(new TronifyResult(TronifyCodes.FlagMismatch, "flag mismatch: the signature does not match the request"));
            }
        }

        return new Opened(new Request(fields, body.Root, caller, sourceFlag), null);
    }

    private static Opened Refuse(TronifyResult refusal) => new(null, refusal);
}
