namespace Ordo.Core.Matching;

/// <summary>One execution in a book: the resting maker, the incoming taker, at the maker's price (ticks), for a volume (lots).</summary>
public readonly record struct Trade(long MakerId, long MakerAccountId, long TakerId, long Price, long Volume);
