using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Tanx;

/// <summary><c>Authorization: JWT &lt;access token&gt;</c>, then the rate limit, for every private tanX endpoint.</summary>
public static class TanxAccess
{
    public static RouteGroupBuilder RequireTanxToken(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var header = http.Request.Headers.Authorization.ToString();
            if (header.Length == 0)
            {
                return TanxResult.NotProvided();
            }

            var token = header.StartsWith("JWT ", StringComparison.OrdinalIgnoreCase) ? header[4..].Trim() : null;
            var claims = token is { Length: > 0 and < 4096 } ? http.RequestServices.GetRequiredService<TanxTokens>().Validate(token, TanxTokens.Access) : null;
            if (claims is null)
            {
                return TanxResult.InvalidToken(TanxTokens.Access);
            }

            var caller = new DialectCaller(DialectNames.Tanx, claims.AccountId, claims.CredentialId);
            if (!http.RequestServices.GetRequiredService<CredentialRateLimiter>().TryAcquire(caller.CredentialKey, out var retry))
            {
                return new TanxResult("Too many requests", "") { HttpStatus = 429, RetryAfterSeconds = retry };
            }

            http.Items[typeof(DialectCaller)] = caller;
            return await next(context);
        });
        return group;
    }

    public static DialectCaller TanxCaller(this HttpContext http) => (DialectCaller)http.Items[typeof(DialectCaller)]!;
}
