using Ordo.Server.Http;

namespace Ordo.Server.Auth;

/// <summary>
/// For dialects whose key travels in a header and is stored as its hash (Feee's <c>key</c>,
/// XendBridge's <c>secretKey</c>): check the client address's throttle, find the credential by the
/// hash (a miss spends from the throttle), apply the credential's rate limit, and put the caller in
/// the request. The dialect says how it phrases "invalid key" and "too many requests".
/// </summary>
public static class HeaderKeyAccess
{
    public static RouteGroupBuilder RequireHeaderKey(this RouteGroupBuilder group, string dialect, string header, Func<IResult> invalid, Func<int, IResult> limited)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var throttle = http.RequestServices.GetRequiredService<ClientThrottle>();
            if (!throttle.Allows(http, out var wait))
            {
                return limited(wait);
            }

            var key = http.Request.Headers[header].ToString();
            var credential = key.Length is 0 or > 512
                ? null
                : await http.RequestServices.GetRequiredService<CredentialLookup>().FindAsync(dialect, Secrets.Hash(key), http.RequestAborted);
            if (credential is null)
            {
                throttle.Failed(http);
                return invalid();
            }

            var caller = new DialectCaller(dialect, credential.AccountId, credential.Id);
            if (!http.RequestServices.GetRequiredService<CredentialRateLimiter>().TryAcquire(caller.CredentialKey, out var retry))
            {
                return limited(retry);
            }

            http.Items[typeof(DialectCaller)] = caller;
            return await next(context);
        });
        return group;
    }

    public static DialectCaller DialectCaller(this HttpContext http) => (DialectCaller)http.Items[typeof(DialectCaller)]!;
}
