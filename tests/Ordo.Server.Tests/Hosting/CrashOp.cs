namespace Ordo.Server.Tests.Hosting;

/// <summary>What a crash-loop request does.</summary>
public enum CrashOpKind
{
    Place,
    Cancel,
    Fill,
}

/// <summary>
/// One request of the crash loop, kept with its answer (or the lack of one) until the end. A
/// place carries a marker that no rule of the server deduplicates (its account, kind and a
/// quantity no other place uses), so counting the orders with that marker counts what it did.
/// </summary>
public sealed class CrashOp
{
    public required int Number { get; init; }

    public required CrashOpKind Kind { get; init; }

    /// <summary>Who sends it: a tenant's index, or <see cref="Executor"/> or <see cref="Operator"/>.</summary>
    public required int Sender { get; init; }

    public required string Path { get; init; }

    public required string Body { get; init; }

    public string? IdempotencyKey { get; init; }

    public long AccountId { get; init; }

    /// <summary>The order kind as the store names it (Rental, Limit, P2p, Purchase), for a place.</summary>
    public string? OrderKind { get; init; }

    public decimal Quantity { get; init; }

    /// <summary>The target of a cancel or fill; the new order's id once a place is answered.</summary>
    public long? OrderId { get; set; }

    public string? ExternalId { get; init; }

    /// <summary>Null while no answer came (the server died under it, or it was never retried).</summary>
    public int? Status { get; set; }

    public string? Answer { get; set; }

    public int Attempts { get; set; }

    /// <summary>The cycle (server life) it was first sent in, and the one that answered it.</summary>
    public int SentInCycle { get; init; }

    public int? AnsweredInCycle { get; set; }

    public const int Executor = -1;

    public const int Operator = -2;

    public override string ToString() =>
        $"#{Number} {Kind} {Path} key={IdempotencyKey ?? "-"} sent in cycle {SentInCycle}, answered {(AnsweredInCycle is { } c ? $"in cycle {c}" : "never")} {Body}";
}
