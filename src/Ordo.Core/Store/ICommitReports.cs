namespace Ordo.Core.Store;

/// <summary>A store that reports each group commit, for telemetry: the batch's size and how long the commit took.</summary>
public interface ICommitReports
{
    event Action<int, TimeSpan>? Committed;
}
