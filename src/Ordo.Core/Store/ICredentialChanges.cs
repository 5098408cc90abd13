namespace Ordo.Core.Store;

/// <summary>
/// Tells a node's cache of credentials when what it holds may be stale, so authentication need not
/// read the database on each request. A store reports every committed change to the credentials
/// (issued, revoked, changed): one made through this store before its write is answered; one made
/// elsewhere on the same database (another node, the <c>ordo</c> command) as soon as the store
/// learns of it. While it cannot be sure to learn of changes made elsewhere (its watch broke, or has
/// not started), <see cref="WatchingCredentials"/> is false and no cache may be trusted.
/// </summary>
public interface ICredentialChanges
{
    /// <summary>
    /// Raised after credentials may have changed, and each time <see cref="WatchingCredentials"/> changes.
    /// The store watches from the first handler on. Handlers must be quick and must not throw.
    /// </summary>
    event Action? CredentialsChanged;

    /// <summary>True while every change made elsewhere will raise <see cref="CredentialsChanged"/>.</summary>
    bool WatchingCredentials { get; }
}
