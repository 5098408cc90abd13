namespace Ordo.Server.Feee;

/// <summary>Feee's <c>code</c> values (spec decision; 0 is success).</summary>
public static class FeeeCodes
{
    public const int Ok = 0;
    public const int InvalidKey = 10001;
    public const int InvalidParameter = 10002;
    public const int OrderNotFound = 10003;
    public const int CancelTooEarly = 10004;
    public const int NotCancellable = 10005;
    public const int InsufficientBalance = 10006;
    public const int TooManyRequests = 10029;

    /// <summary>Only for a server fault, with HTTP 500.</summary>
    public const int ServerError = 10500;

    /// <summary>Only with HTTP 503 and Retry-After: the store cannot take the request now; nothing was done.</summary>
    public const int Unavailable = 10503;
}
