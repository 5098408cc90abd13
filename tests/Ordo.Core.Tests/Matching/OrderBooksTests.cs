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
        _books.Loaded(B.Name).ShouldBeSameAs(b);
        _books.Loaded(A.Name).ShouldBeNull("A was touched by the undone work: rebuilt when next used");
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

        _books.Loaded(A.Name).ShouldBeNull("the first work of the undone batch touched A");
        _books.Loaded(B.Name).ShouldBeSameAs(b);
    }

    [Fact]
    public void Taking_an_order_out_of_a_loaded_book_touches_it()
    {
        _tx.SaveMarket(A);
        _books.Follow(WriteStep.WorkStarting);
        _books.For(A, _tx).Rest(7, 100, OrderSide.Buy, 100, 1);
        _books.Follow(WriteStep.Committed);

        _books.Follow(WriteStep.WorkStarting);
        _books.Loaded(A.Name)!.Cancel(7, out _).ShouldBeTrue();
        _books.Follow(WriteStep.WorkRolledBack);

        _books.Loaded(A.Name).ShouldBeNull();
    }

    [Fact]
    public void Books_touched_before_the_last_commit_survive_a_later_rollback()
    {
        var (a, b) = BothBuiltAndCommitted();

        _books.Follow(WriteStep.WorkStarting);
        _books.Follow(WriteStep.BatchRolledBack);
        _books.Follow(WriteStep.WorkStarting);
        _books.Follow(WriteStep.WorkRolledBack);

        _books.Loaded(A.Name).ShouldBeSameAs(a);
        _books.Loaded(B.Name).ShouldBeSameAs(b);
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
