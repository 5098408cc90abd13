namespace Ordo.Core.Store;

/// <summary>
/// A one-time value an owner was issued (a login message to sign, an order nonce), kept in the
/// database so that any node can spend what another issued, and each is spent once.
/// </summary>
public sealed record Nonce(string Kind, string Owner, string Value, DateTimeOffset ExpiresAt);
