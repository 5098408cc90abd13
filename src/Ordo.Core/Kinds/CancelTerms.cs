namespace Ordo.Core.Kinds;

/// <summary>
/// Cancel terms a dialect may set when it places an order (Feee: not before 5 minutes; Tronify:
/// a 10% fee). They are stored on the order, so a change of configuration never rewrites the
/// terms an order was placed under.
/// </summary>
public sealed record CancelTerms(TimeSpan NotBefore, decimal FeeRate)
{
    public static readonly CancelTerms None = new(TimeSpan.Zero, 0m);
}
