using System.Net.Sockets;

using Npgsql;

using Ordo.Core.Store;

namespace Ordo.Store.Postgres.Tests;

/// <summary>Which failures are the machine's (retryable, with a clear message) and which are bugs (kept as they are).</summary>
public sealed class PostgresFaultsTests
{
    [Theory]
    [InlineData("53100", "disk is full")]
    [InlineData("53200", "out of resources")]
    [InlineData("53300", "out of resources")]
    [InlineData("57P01", "shutting down or restarting")]
    [InlineData("57P03", "shutting down or restarting")]
    [InlineData("08006", "shutting down or restarting")]
    [InlineData("58030", "shutting down or restarting")]
    [InlineData("57014", "statement timeout")]
    [InlineData("55P03", "lock timeout")]
    [InlineData("40P01", "conflicting with other nodes")]
    [InlineData("40001", "conflicting with other nodes")]
    public void A_server_fault_becomes_a_retryable_error_that_says_what_happened(string sqlState, string says)
    {
        var error = PostgresFaults.ForWork(Server(sqlState)).ShouldBeOfType<StoreUnavailableException>();
        error.Message.ShouldContain(says);
        error.Message.ShouldContain("nothing was written");
        error.RetryAfterSeconds.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void A_connection_that_broke_or_could_not_open_is_retryable()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new SocketException((int)SocketError.ConnectionReset));
        PostgresFaults.ForWork(broken).ShouldBeOfType<StoreUnavailableException>().Message.ShouldContain("could not be reached");
    }

    [Theory]
    [InlineData("23505")] // unique violation: the work broke a rule it should have checked
    [InlineData("42P01")] // undefined table: a bug
    [InlineData("22003")] // numeric out of range
    public void A_bug_stays_itself(string sqlState)
    {
        var bug = Server(sqlState);
        PostgresFaults.ForWork(bug).ShouldBeSameAs(bug);
    }

    [Fact]
    public void Only_deadlocks_serialization_failures_and_lock_timeouts_are_run_again()
    {
        new[] { "40P01", "40001", "55P03" }.ShouldAllBe(state => PostgresFaults.IsConflict(Server(state)));
        new[] { "57P01", "53100", "23505", "57014" }.ShouldAllBe(state => !PostgresFaults.IsConflict(Server(state)));
        PostgresFaults.IsConflict(new InvalidOperationException()).ShouldBeFalse();
    }

    private static PostgresException Server(string sqlState) => new("a failure", "ERROR", "ERROR", sqlState);
}
