namespace Ordo.Core.Matching;

/// <summary>All resting orders at one price on one side, oldest first: a doubly linked queue, so removal is O(1).</summary>
public sealed class PriceLevel
{
    public long Price { get; internal set; }
    public long Volume { get; internal set; }
    public int Count { get; internal set; }

    internal BookOrder? Head;
    internal BookOrder? Tail;

    public BookOrder? First => Head;

    internal void Append(BookOrder order)
    {
        order.Level = this;
        order.Previous = Tail;
        order.Next = null;
        if (Tail is null)
        {
            Head = order;
        }
        else
        {
            Tail.Next = order;
        }

        Tail = order;
        Volume += order.Remaining;
        Count++;
    }

    internal void Unlink(BookOrder order)
    {
        if (order.Previous is null)
        {
            Head = order.Next;
        }
        else
        {
            order.Previous.Next = order.Next;
        }

        if (order.Next is null)
        {
            Tail = order.Previous;
        }
        else
        {
            order.Next.Previous = order.Previous;
        }

        Volume -= order.Remaining;
        Count--;
        order.Previous = order.Next = null;
    }

    /// <summary>The orders at this price, oldest first.</summary>
    public IEnumerable<BookOrder> Orders()
    {
        for (var order = Head; order is not null; order = order.Next)
        {
            yield return order;
        }
    }
}
