using Ordo.Core.Orders;

namespace Ordo.Server.Native;

public sealed record EventDto(long Sequence, string Type, string State, string Stage, string Actor, long? ActorAccountId, string? Reason, DateTimeOffset At, IReadOnlyDictionary<string, string> Data)
{
    public static EventDto From(OrderEvent e) => new(
        e.Sequence, e.Type, NativeNames.State(e.State), NativeNames.Stage(e.State), e.Actor.Kind.ToString().ToLowerInvariant(),
        e.Actor.AccountId, e.Reason, e.At, e.Data);
}
