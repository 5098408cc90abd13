using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Feee;

/// <summary>The <c>key</c> header, then the rate limit, for every Feee endpoint; errors in Feee's envelope.</summary>
public static class FeeeAccess
{
    public static RouteGroupBuilder RequireFeeeKey(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers["key"].ToString();
            var credential = key.Length is 0 or > 512
                ? null
                : await http.RequestServices.GetRequiredService<IOrderStore>().FindCredentialAsync(DialectNames.Feee, Secrets.Hash(key), http.RequestAborted);
            if (credential is null)
            {
                return new FeeeResult(FeeeCodes.InvalidKey, "invalid api key: send your key in the 'key' header");
            }

            var caller = new DialectCaller(DialectNames.Feee, credential.AccountId, credential.Id);
            if (!http.RequestServices.GetRequiredService<CredentialRateLimiter>().TryAcquire(caller.CredentialKey, out var retry))
            {
                return new FeeeResult(FeeeCodes.TooManyRequests, $"too many requests: retry after {retry} s") { RetryAfterSeconds = retry };
            }

            http.Items[typeof(DialectCaller)] = caller;
            return await next(context);
        });
        return group;
    }

    public static DialectCaller FeeeCaller(this HttpContext http) => (DialectCaller)http.Items[typeof(DialectCaller)]!;
}
