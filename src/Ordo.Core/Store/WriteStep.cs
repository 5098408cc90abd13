namespace Ordo.Core.Store;

/// <summary>
/// What the store's writer reports, in order and on the writer, to whatever keeps state derived
/// from writes in memory (the order books), so that an undone write rebuilds only what it touched.
/// </summary>
public enum WriteStep
{
    /// <summary>A work is about to run; it may be undone alone.</summary>
    WorkStarting,

    /// <summary>The work that just ran was undone alone (it threw); the rest of its batch stands.</summary>
    WorkRolledBack,

    /// <summary>Every work since the last commit is durable.</summary>
    Committed,

    /// <summary>Every work since the last commit was undone (the batch could not begin, save or commit).</summary>
    BatchRolledBack,
}
