using Ordo.Server.Auth;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>
/// The client address's throttle, authentication, the credential's rate limit and the scope check, in
/// that order, for each native endpoint; a failed authentication spends from the address's throttle.
/// </summary>
public static class NativeAccess
{
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, string scope) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var throttle = http.RequestServices.GetRequiredService<ClientThrottle>();
            if (!throttle.Allows(http, out var wait))
            {
                return Problems.RateLimited(wait);
            }

            var caller = await http.RequestServices.GetRequiredService<NativeAuthenticator>().AuthenticateAsync(http.Request, http.RequestAborted);
            if (caller is null)
            {
                throttle.Failed(http);
                return Problems.Unauthorized();
            }

            if (!http.RequestServices.GetRequiredService<CredentialRateLimiter>().TryAcquire(caller.CredentialKey, out var retry))
            {
                return Problems.RateLimited(retry);
            }

            if (!caller.Has(scope))
            {
                return Problems.Forbidden(scope);
            }

            http.Items[typeof(Caller)] = caller;
            return await next(context);
        })
        .ProducesProblem(401)
        .ProducesProblem(403)
        .ProducesProblem(429);

    public static Caller Caller(this HttpContext http) => (Caller)http.Items[typeof(Caller)]!;
}
