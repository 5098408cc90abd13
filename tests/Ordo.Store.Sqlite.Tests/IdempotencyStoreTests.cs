using Ordo.Core.Store;

namespace Ordo.Store.Sqlite.Tests;

public sealed class IdempotencyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly EngineFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task The_first_response_is_kept_and_a_second_does_not_replace_it()
    {
        await _f.Store.SaveAsync(Record("k", "first", Noon));
        await _f.Store.SaveAsync(Record("k", "second", Noon.AddMinutes(1)));
        (await _f.Store.FindAsync("s", "k", Noon.AddHours(-1)))!.Body.ShouldBe("first");
    }

    [Fact]
    public async Task Saving_in_a_write_says_whether_the_key_was_free()
    {
        (await _f.Store.WriteAsync(tx => tx.SaveIdempotency(Record("k", "first", Noon)))).ShouldBeTrue();
        (await _f.Store.WriteAsync(tx => tx.SaveIdempotency(Record("k", "second", Noon.AddMinutes(1))))).ShouldBeFalse("a live record holds the key");
        (await _f.Store.WriteAsync(tx => tx.SaveIdempotency(Record("k", "third", Noon + IdempotencyRecord.Retention + TimeSpan.FromMinutes(1)))))
            .ShouldBeTrue("an expired record gives its key up");
        (await _f.Store.FindAsync("s", "k", Noon))!.Body.ShouldBe("third");
    }

    [Fact]
    public async Task Records_past_retention_are_not_found_and_are_purged()
    {
        await _f.Store.SaveAsync(Record("old", "x", Noon));
        await _f.Store.SaveAsync(Record("new", "y", Noon.AddHours(25)));
        var cutoff = Noon.AddHours(25) - IdempotencyRecord.Retention;
        (await _f.Store.FindAsync("s", "old", cutoff)).ShouldBeNull();
        (await _f.Store.PurgeAsync(cutoff)).ShouldBe(1);
        (await _f.Store.FindAsync("s", "new", cutoff))!.Body.ShouldBe("y");
    }

    private static IdempotencyRecord Record(string key, string body, DateTimeOffset at) =>
        new("s", key, "hash", 201, "application/json", body, at);
}
