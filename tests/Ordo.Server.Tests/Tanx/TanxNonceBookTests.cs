using Ordo.Server.Tanx;
using Ordo.Store.Sqlite;
using Ordo.Testing;

namespace Ordo.Server.Tests.Tanx;

/// <summary>
/// The nonce book on a real SQLite file: bounded per owner and in all, values expire, and each is
/// spent once, also by takers racing through two stores on the one file (as two nodes would).
/// </summary>
[Trait("Category", "SqliteOnly")] // a SQLite file of its own, whatever ORDO_TEST_STORE says
public sealed class TanxNonceBookTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ManualClock _clock = new();
    private readonly ScratchDatabase _database = new();
    private readonly SqliteOrderStore _store;
    private readonly SqliteOrderStore _otherStore;

    public TanxNonceBookTests()
    {
        _store = _database.Open();
        _otherStore = _database.Open();
    }

    public void Dispose()
    {
        _otherStore.Dispose();
        _store.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_new_value_beyond_the_owners_bound_drops_the_owners_oldest_only()
    {
        var book = Book(maxPerOwner: 2, maxInAll: 100);
        await AddAsync(book, "bob", "b1");
        foreach (var value in new[] { "a1", "a2", "a3" })
        {
            await AddAsync(book, "alice", value);
        }

        (await book.LiveAsync("alice")).Select(n => n.Value).ShouldBe(["a2", "a3"]);
        (await book.LiveAsync("bob")).Select(n => n.Value).ShouldBe(["b1"]);
    }

    [Fact]
    public async Task The_make_step_sees_the_owners_live_values_and_its_expiry()
    {
        var book = Book(maxPerOwner: 5, maxInAll: 100);
        await AddAsync(book, "alice", "a1");
        var (issued, _) = await book.AddAsync("alice", (expires, live) => $"{expires:O}|{string.Join(",", live)}");
        issued!.Value.ShouldBe($"{_clock.GetUtcNow() + Lifetime:O}|a1");
        issued.ExpiresAt.ShouldBe(_clock.GetUtcNow() + Lifetime);
    }

    [Fact]
    public async Task Beyond_the_bound_in_all_none_is_issued_until_the_soonest_expires()
    {
        var book = Book(maxPerOwner: 5, maxInAll: 2);
        await AddAsync(book, "alice", "a1");
        _clock.Advance(TimeSpan.FromSeconds(90));
        await AddAsync(book, "bob", "b1");

        var (refused, retry) = await book.AddAsync("carol", (_, _) => "c1");
        refused.ShouldBeNull();
        retry.ShouldBe(210, "alice's expires three and a half minutes from now");
        (await Book(maxPerOwner: 5, maxInAll: 2, kind: "other").AddAsync("carol", (_, _) => "c1")).Issued.ShouldNotBeNull("each kind has its own bound");

        _clock.Advance(TimeSpan.FromSeconds(210));
        (await book.AddAsync("carol", (_, _) => "c1")).Issued.ShouldNotBeNull("alice's expired and was dropped");
        (await book.AddAsync("dave", (_, _) => "d1")).RetryAfterSeconds.ShouldBe(90, "bob's is now the soonest");
    }

    [Fact]
    public async Task An_expired_value_is_unknown()
    {
        var book = Book(maxPerOwner: 5, maxInAll: 100);
        var issued = await AddAsync(book, "alice", "a1");
        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        (await book.LiveAsync("alice")).Count.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await book.LiveAsync("alice")).ShouldBeEmpty();
        (await book.RemoveAsync(issued)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_value_issued_through_one_store_is_spent_through_another_once()
    {
        var issued = await AddAsync(Book(maxPerOwner: 5, maxInAll: 100), "alice", "a1");
        var other = Book(maxPerOwner: 5, maxInAll: 100, store: _otherStore);
        (await other.LiveAsync("alice")).ShouldBe([issued]);
        (await other.RemoveAsync(issued)).ShouldBeTrue();
        (await other.RemoveAsync(issued)).ShouldBeFalse();
        (await Book(maxPerOwner: 5, maxInAll: 100).LiveAsync("alice")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Of_many_takers_racing_for_one_value_on_two_stores_one_wins()
    {
        var books = new[] { Book(maxPerOwner: 5, maxInAll: 100), Book(maxPerOwner: 5, maxInAll: 100, store: _otherStore) };
        var issued = await AddAsync(books[0], "alice", "a1");
        var kept = await AddAsync(books[0], "alice", "a2");

        using var start = new ManualResetEventSlim();
        var takers = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var live = await books[i % 2].LiveAsync("alice");
            return live.Contains(issued) && await books[i % 2].RemoveAsync(issued);
        })).ToList();
        start.Set();

        (await Task.WhenAll(takers)).Count(won => won).ShouldBe(1);
        (await books[1].LiveAsync("alice")).ShouldBe([kept], "the other value is untouched");
    }

    private TanxNonceBook Book(int maxPerOwner, int maxInAll, string kind = "test", SqliteOrderStore? store = null) =>
        new(store ?? _store, _clock, kind, Lifetime, maxPerOwner, maxInAll);

    private static async Task<Ordo.Core.Store.Nonce> AddAsync(TanxNonceBook book, string owner, string value) =>
        (await book.AddAsync(owner, (_, _) => value)).Issued ?? throw new InvalidOperationException("refused");
}
