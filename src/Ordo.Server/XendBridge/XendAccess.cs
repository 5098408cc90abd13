using System.Net;

using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.XendBridge;

/// <summary>The <c>secretKey</c> header (found by its hash), then the rate limit, for every XendBridge endpoint.</summary>
public static class XendAccess
{
    public static RouteGroupBuilder RequireSecretKey(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers["secretKey"].ToString();
            var credential = key.Length is 0 or > 512
                ? null
                : await http.RequestServices.GetRequiredService<IOrderStore>().FindCredentialAsync(DialectNames.XendBridge, Secrets.Hash(key), http.RequestAborted);
            if (credential is null)
            {
                return XendResult.Error(HttpStatusCode.Unauthorized, "Missing or invalid secretKey header");
            }

            var caller = new DialectCaller(DialectNames.XendBridge, credential.AccountId, credential.Id);
            if (!http.RequestServices.GetRequiredService<CredentialRateLimiter>().TryAcquire(caller.CredentialKey, out var retry))
            {
                return new XendResult(null, "Too many requests") { HttpStatus = 429, RetryAfterSeconds = retry };
            }

            http.Items[typeof(DialectCaller)] = caller;
            return await next(context);
        });
        return group;
    }

    public static DialectCaller XendCaller(this HttpContext http) => (DialectCaller)http.Items[typeof(DialectCaller)]!;
}
