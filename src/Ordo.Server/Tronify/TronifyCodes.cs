namespace Ordo.Server.Tronify;

/// <summary>Tronify's <c>resCode</c> values (spec decision; 100 is success).</summary>
public static class TronifyCodes
{
    public const int Success = 100;
    public const int InvalidParameter = 101;
    public const int FlagMismatch = 102;
    public const int UnknownSourceFlag = 103;
    public const int OrderNotFound = 104;
    public const int NotCancellable = 105;
    public const int InsufficientBalance = 106;
    public const int NotFillable = 107;
    public const int TooManyRequests = 129;
    public const int PledgeNumTooLow = 132;

    /// <summary>Only for a server fault, with HTTP 500.</summary>
    public const int ServerError = 500;

    /// <summary>Only with HTTP 503 and Retry-After: the store cannot take the request now; nothing was done.</summary>
    public const int Unavailable = 503;
}
