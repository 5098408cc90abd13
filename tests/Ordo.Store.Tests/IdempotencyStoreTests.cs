using Ordo.Core.Store;

namespace Ordo.Store.Tests;

public abstract class IdempotencyStoreTests(StoreEngine engine) : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly EngineFixture _f = new(engine);

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task The_first_response_is_kept_and_a_second_does_not_replace_it()
    {
        await _f.Idempotency.SaveAsync(Record("k", "first", Noon));
        await _f.Idempotency.SaveAsync(Record("k", "second", Noon.AddMinutes(1)));
        (await _f.Idempotency.FindAsync("s", "k", Noon.AddHours(-1)))!.Body.ShouldBe("first");
    }

    [Fact]
    public async Task Saving_in_a_write_says_whether_the_key_was_free()
    {
        (await _f.Store.WriteAsync(tx => tx.SaveIdempotency(Record("k", "first", Noon)))).ShouldBeTrue();
        (await _f.Store.WriteAsync(tx => tx.SaveIdempotency(Record("k", "second", Noon.AddMinutes(1))))).ShouldBeFalse("a live record holds the key");
        (await _f.Store.WriteAsync(tx => tx.SaveIdempotency(Record("k", "third", Noon + IdempotencyRecord.Retention + TimeSpan.FromMinutes(1)))))
            .ShouldBeTrue("an expired record gives its key up");
        (await _f.Idempotency.FindAsync("s", "k", Noon))!.Body.ShouldBe("third");
    }

    [Fact]
    public async Task Records_past_retention_are_not_found_and_are_purged()
    {
        await _f.Idempotency.SaveAsync(Record("old", "x", Noon));
        await _f.Idempotency.SaveAsync(Record("new", "y", Noon.AddHours(25)));
        var cutoff = Noon.AddHours(25) - IdempotencyRecord.Retention;
        (await _f.Idempotency.FindAsync("s", "old", cutoff)).ShouldBeNull();
        (await _f.Idempotency.PurgeAsync(cutoff)).ShouldBe(1);
        (await _f.Idempotency.FindAsync("s", "new", cutoff))!.Body.ShouldBe("y");
    }

    [Fact]
    public async Task An_expired_record_under_the_same_key_is_replaced()
    {
        await _f.Idempotency.SaveAsync(Record("k", "first", Noon));
        await _f.Idempotency.SaveAsync(Record("k", "second", Noon.AddHours(25)));
        var found = (await _f.Idempotency.FindAsync("s", "k", Noon.AddHours(1)))!;
        (found.Body, found.CreatedAt).ShouldBe(("second", Noon.AddHours(25)));
    }

    private static IdempotencyRecord Record(string key, string body, DateTimeOffset at) =>
        new("s", key, "hash", 201, "application/json", body, at);

    public sealed class OnSqlite() : IdempotencyStoreTests(new StoreEngine.Sqlite());

    public sealed class OnPostgres() : IdempotencyStoreTests(new StoreEngine.Postgres());
}
