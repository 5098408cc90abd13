namespace Ordo.Core.Accounts;

/// <summary>A tenant: merchant, partner channel or trader.</summary>
public sealed record Account(long Id, string Name, string? Email, DateTimeOffset CreatedAt);
