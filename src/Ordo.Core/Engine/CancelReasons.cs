namespace Ordo.Core.Engine;

/// <summary>Reasons the engine records when it cancels on its own; dialects map them to their platform's wording.</summary>
public static class CancelReasons
{
    public const string ByRequest = "cancelled by request";
    public const string Expired = "expired";

    /// <summary>A market order stopped: the next price was more than 30% from the best price at placement.</summary>
    public const string Slippage = "slippage: the price moved more than 30% from the best price at placement";

    /// <summary>A market order stopped: the other side of the book ran out.</summary>
    public const string NoLiquidity = "market order: the other side of the book ran out";
}
