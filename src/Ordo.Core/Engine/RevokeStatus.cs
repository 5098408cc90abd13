namespace Ordo.Core.Engine;

public enum RevokeStatus
{
    Revoked,
    AlreadyRevoked,

    /// <summary>No such credential, or (when an account is given) another account's.</summary>
    NotFound,
}
