using System.Net;

using Ordo.Server.Auth;

namespace Ordo.Server.XendBridge;

/// <summary>The <c>secretKey</c> header, then the rate limit, for every XendBridge endpoint; errors in XendBridge's envelope.</summary>
public static class XendAccess
{
    public static RouteGroupBuilder RequireSecretKey(this RouteGroupBuilder group) => group.RequireHeaderKey(
        DialectNames.XendBridge,
        "secretKey",
        () => XendResult.Error(HttpStatusCode.Unauthorized, "Missing or invalid secretKey header"),
        retry => new XendResult(null, "Too many requests") { HttpStatus = 429, RetryAfterSeconds = retry });

    public static DialectCaller XendCaller(this HttpContext http) => http.DialectCaller();
}
