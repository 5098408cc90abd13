using Ordo.Server.Auth;

namespace Ordo.Server.Feee;

/// <summary>The <c>key</c> header, then the rate limit, for every Feee endpoint; errors in Feee's envelope.</summary>
public static class FeeeAccess
{
    public static RouteGroupBuilder RequireFeeeKey(this RouteGroupBuilder group) => group.RequireHeaderKey(
        DialectNames.Feee,
        "key",
        () => new FeeeResult(FeeeCodes.InvalidKey, "invalid api key: send your key in the 'key' header"),
        retry => new FeeeResult(FeeeCodes.TooManyRequests, $"too many requests: retry after {retry} s") { RetryAfterSeconds = retry });

    public static DialectCaller FeeeCaller(this HttpContext http) => http.DialectCaller();
}
