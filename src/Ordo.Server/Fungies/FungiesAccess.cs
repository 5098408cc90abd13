using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Fungies;

/// <summary>
/// <c>x-fngs-public-key</c> on every call and <c>x-fngs-secret-key</c> too on writes (checked
/// against its stored hash in constant time); a read-only pair on a write is 403. Then the rate limit.
/// Before all that, the client address's throttle, which each failed authentication spends from.
/// </summary>
public static class FungiesAccess
{
    public static RouteHandlerBuilder RequireFungiesKeys(this RouteHandlerBuilder builder, bool write) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var throttle = http.RequestServices.GetRequiredService<ClientThrottle>();
            if (!throttle.Allows(http, out var wait))
            {
                return FungiesResult.Error(429, "Too many requests").WithRetryAfter(wait);
            }

            var publicKey = http.Request.Headers["x-fngs-public-key"].ToString();
            var credential = publicKey.Length is 0 or > 128
                ? null
                : await http.RequestServices.GetRequiredService<CredentialLookup>().FindAsync(DialectNames.Fungies, publicKey, http.RequestAborted);
            if (credential?.SecretHash is null)
            {
                throttle.Failed(http);
                return FungiesResult.Error(401, "Missing or invalid API key: send x-fngs-public-key (and x-fngs-secret-key to write)");
            }

            if (write)
            {
                var secret = http.Request.Headers["x-fngs-secret-key"].ToString();
                if (secret.Length is 0 or > 256 || !Secrets.FixedTimeEquals(Secrets.Hash(secret), credential.SecretHash))
                {
                    throttle.Failed(http);
                    return FungiesResult.Error(401, "Missing or invalid x-fngs-secret-key");
                }
            }

            var caller = new DialectCaller(DialectNames.Fungies, credential.AccountId, credential.Id);
            if (!http.RequestServices.GetRequiredService<CredentialRateLimiter>().TryAcquire(caller.CredentialKey, out var retry))
            {
                return FungiesResult.Error(429, "Too many requests").WithRetryAfter(retry);
            }

            if (write && !credential.Has(Scopes.OrdersWrite))
            {
                return FungiesResult.Error(403, "This API key pair has read access only");
            }

            http.Items[typeof(DialectCaller)] = caller;
            return await next(context);
        });

    public static DialectCaller FungiesCaller(this HttpContext http) => (DialectCaller)http.Items[typeof(DialectCaller)]!;
}
