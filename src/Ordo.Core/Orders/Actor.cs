namespace Ordo.Core.Orders;

/// <summary>Who acts, and for which account (null for the system and the bootstrap operator).</summary>
public readonly record struct Actor(ActorKind Kind, long? AccountId)
{
    public static Actor System => new(ActorKind.System, null);

    public static Actor Owner(long accountId) => new(ActorKind.Owner, accountId);

    public static Actor Operator(long? accountId = null) => new(ActorKind.Operator, accountId);

    public static Actor Executor(long accountId) => new(ActorKind.Executor, accountId);
}
