using Ordo.Core.Markets;
using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Core.Tests.Matching;

/// <summary>The books follow the writer's steps: an undone work or batch drops only the books it touched.</summary>
public sealed class OrderBooksTests
{
    private static readonly Market A = new("aaausdc", "AAA", "USDC", 2, 4, 0.0001m, 0m, 0m);
    private static readonly Market B = new("bbbusdc", "BBB", "USDC", 2, 4, 0.0001m, 0m, 0m);

    private readonly InMemoryTransaction _tx = new();
    private readonly OrderBooks _books = new();

    [Fact]
    public void A_rolled_back_work_drops_only_the_books_it_touched()
    {
        var (a, b) = BothBuiltAndCommitted();

        _books.Follow(WriteStep.WorkStarting);
        _books.For(A, _tx).ShouldBeSameAs(a);
        _books.Follow(WriteStep.WorkRolledBack);

        _books.Follow(WriteStep.WorkStarting);
        _books.Built(B.Name).ShouldBeSameAs(b);
        _books.Built(A.Name).ShouldBeNull("A was touched by the undone work: rebuilt when next used");
        _books.For(A, _tx).ShouldNotBeSameAs(a);
    }

    [Fact]
    public void A_rolled_back_batch_drops_the_books_every_work_since_the_commit_touched()
    {
        var (a, b) = BothBuiltAndCommitted();

        _books.Follow(WriteStep.WorkStarting);
        _books.For(A, _tx);
        _books.Follow(WriteStep.WorkStarting);
        _books.Follow(WriteStep.BatchRolledBack);

        _books.Built(A.Name).ShouldBeNull("the first work of the undone batch touched A");
        _books.Built(B.Name).ShouldBeSameAs(b);
    }

    [Fact]
    public void Taking_an_order_out_of_a_loaded_book_touches_it()
    {
        _tx.SaveMarket(A);
        _books.Follow(WriteStep.WorkStarting);
        _books.For(A, _tx).Rest(7, 100, OrderSide.Buy, 100, 1);
        _books.Follow(WriteStep.Committed);

        _books.Follow(WriteStep.WorkStarting);
        _books.Loaded(A.Name, _tx)!.Cancel(7, out _).ShouldBeTrue();
        _books.Follow(WriteStep.WorkRolledBack);

        _books.Built(A.Name).ShouldBeNull();
    }

    [Fact]
    public void Books_touched_before_the_last_commit_survive_a_later_rollback()
    {
        var (a, b) = BothBuiltAndCommitted();

        _books.Follow(WriteStep.WorkStarting);
        _books.Follow(WriteStep.BatchRolledBack);
        _books.Follow(WriteStep.WorkStarting);
        _books.Follow(WriteStep.WorkRolledBack);

        _books.Built(A.Name).ShouldBeSameAs(a);
        _books.Built(B.Name).ShouldBeSameAs(b);
    }

    [Fact]
    public void A_book_whose_market_someone_else_changed_is_rebuilt()
    {
        var (a, b) = BothBuiltAndCommitted();

        // Another node (or process) wrote to market A: its sequencer moved past the version our book was built at.
        _tx.SequenceMarket(A.Name);

        _books.Follow(WriteStep.WorkStarting);
        _books.For(A, _tx).ShouldNotBeSameAs(a);
        _books.For(B, _tx).ShouldBeSameAs(b, "B's version is the one after ours: our book is current");
    }

    [Fact]
    public void A_cancel_on_a_market_whose_book_is_not_built_still_moves_its_version()
    {
        _tx.SaveMarket(A);
        var before = _tx.BookVersions[A.Name];

        _books.Follow(WriteStep.WorkStarting);
        _books.Loaded(A.Name, _tx).ShouldBeNull();

        _tx.BookVersions[A.Name].ShouldBe(before + 1, "other nodes' books of A must learn the order left");
    }

    [Fact]
    public void A_batch_takes_each_market_sequencer_once_and_a_rolled_back_work_lets_its_own_go()
    {
        _tx.SaveMarket(A);
        _books.Follow(WriteStep.WorkStarting);
        var book = _books.For(A, _tx);
        _books.Follow(WriteStep.WorkStarting);
        _books.For(A, _tx).ShouldBeSameAs(book);
        _books.Loaded(A.Name, _tx).ShouldBeSameAs(book);
        _tx.Sequenced.ShouldBe(1, "the batch holds A's sequencer until it commits");
        _books.Follow(WriteStep.Committed);

        _books.Follow(WriteStep.WorkStarting);
        _books.For(B, _tx);
        _books.Follow(WriteStep.WorkRolledBack);
        _books.Follow(WriteStep.WorkStarting);
        _books.For(B, _tx);
        _tx.Sequenced.ShouldBe(3, "B's sequencer went with the undone work's savepoint: taken again");
    }

    [Fact]
    public void A_read_of_a_book_takes_no_sequencer_and_rebuilds_only_what_someone_else_changed()
    {
        var (a, _) = BothBuiltAndCommitted();
        var sequenced = _tx.Sequenced;
        var version = _tx.BookVersions[A.Name];

        _books.Follow(WriteStep.WorkStarting);
        _books.ForReading(A, _tx).ShouldBeSameAs(a, "nobody changed A since our book was built");
        _tx.Sequenced.ShouldBe(sequenced);
        _tx.BookVersions[A.Name].ShouldBe(version, "a read does not make other nodes rebuild");
        _books.Follow(WriteStep.Committed);

        _tx.SequenceMarket(A.Name);
        _books.Follow(WriteStep.WorkStarting);
        var rebuilt = _books.ForReading(A, _tx);
        rebuilt.ShouldNotBeSameAs(a);
        _books.Follow(WriteStep.Committed);
        _books.Follow(WriteStep.WorkStarting);
        _books.For(A, _tx).ShouldBeSameAs(rebuilt, "the rebuilt book is current for the next write");
    }

    private (OrderBook A, OrderBook B) BothBuiltAndCommitted()
    {
        _tx.SaveMarket(A);
        _tx.SaveMarket(B);
        _books.Follow(WriteStep.WorkStarting);
        var a = _books.For(A, _tx);
        var b = _books.For(B, _tx);
        _books.Follow(WriteStep.Committed);
        return (a, b);
    }
}
