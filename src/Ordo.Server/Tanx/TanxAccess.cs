using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tanx;

/// <summary>
/// For every private tanX endpoint: the client address's throttle, <c>Authorization: JWT &lt;access
/// token&gt;</c>, the token's credential still live (a revoked credential's tokens stop at once; one
/// read by primary key), then the credential's rate limit. Each failure spends from the throttle.
/// </summary>
public static class TanxAccess
{
    public static RouteGroupBuilder RequireTanxToken(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var throttle = http.RequestServices.GetRequiredService<ClientThrottle>();
            if (!throttle.Allows(http, out var wait))
            {
                return TanxResult.TooManyRequests(wait);
            }

            var header = http.Request.Headers.Authorization.ToString();
            if (header.Length == 0)
            {
                throttle.Failed(http);
                return TanxResult.NotProvided();
            }

            var token = header.StartsWith("JWT ", StringComparison.OrdinalIgnoreCase) ? header[4..].Trim() : null;
            var claims = token is { Length: > 0 and < 4096 } ? await http.RequestServices.GetRequiredService<TanxTokens>().ValidateAsync(token, TanxTokens.Access) : null;
            var credential = claims is null ? null : await http.RequestServices.GetRequiredService<CredentialLookup>().GetAsync(claims.CredentialId, http.RequestAborted);
            if (claims is null || credential is null || credential.Dialect != DialectNames.Tanx || credential.AccountId != claims.AccountId)
            {
                throttle.Failed(http);
                return TanxResult.InvalidToken(TanxTokens.Access);
            }

            var caller = new DialectCaller(DialectNames.Tanx, claims.AccountId, claims.CredentialId);
            if (!http.RequestServices.GetRequiredService<CredentialRateLimiter>().TryAcquire(caller.CredentialKey, out var retry))
            {
                return TanxResult.TooManyRequests(retry);
            }

            http.Items[typeof(DialectCaller)] = caller;
            return await next(context);
        });
        return group;
    }

    public static DialectCaller TanxCaller(this HttpContext http) => (DialectCaller)http.Items[typeof(DialectCaller)]!;
}
