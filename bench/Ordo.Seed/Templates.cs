using System.Globalization;

namespace Ordo.Seed;

/// <summary>One table row as read: column names and values, in the table's column order.</summary>
public sealed record Row(string[] Columns, object?[] Values)
{
    public object? this[string column] => Values[Array.IndexOf(Columns, column)];
}

/// <summary>
/// The template orders the engine wrote, their rows, and how each copy is made from them: a new id,
/// uuid and number, another owner (its ledger legs follow it), new movement ids; everything else as
/// the store wrote it.
/// </summary>
public sealed class Templates
{
    private const int OrdersPerTransaction = 25_000;

    private readonly Dictionary<long, Template> _rows = [];
    private readonly Dictionary<(long Account, string Asset), (decimal Available, decimal Locked)> _moved = [];

    public long Owner { get; set; }

    /// <summary>The accounts the copies are spread over (not the template owner nor the seller).</summary>
    public List<long> Accounts { get; set; } = [];

    public List<long> Open { get; } = [];

    public List<long> Closed { get; } = [];

    public void Load(Copier copier)
    {
        foreach (var id in Open.Concat(Closed))
        {
            _rows[id] = new Template(
                copier.Read("orders", "id", id).Single(),
                copier.Read("order_events", "order_id", id, "seq"),
                copier.Read("ledger_entries", "order_id", id, "id"),
                copier.Read("external_ids", "scope", $"fill:{id}"));
        }
    }

    /// <summary>Writes <paramref name="copies"/> orders, <paramref name="open"/> of them open, spread evenly over the ids.</summary>
    public void Copy(Copier copier, int copies, int open, Action<string> say)
    {
        var nextOrder = copier.MaxOrderId() + 1;
        var nextMovement = copier.MaxMovementId() + 1;
        var movements = new Dictionary<long, long>();
        var openSoFar = 0;
        for (var start = 0; start < copies; start += OrdersPerTransaction)
        {
            copier.Begin();
            var end = Math.Min(copies, start + OrdersPerTransaction);
            for (var i = start; i < end; i++)
            {
                var isOpen = (long)(i + 1) * open / copies > (long)i * open / copies;
                var template = _rows[isOpen ? Open[openSoFar++ % Open.Count] : Closed[i % Closed.Count]];
                var account = Accounts[i % Accounts.Count];
                var id = nextOrder++;
                movements.Clear();
                CopyOrder(copier, template.Order, id, account);
                foreach (var row in template.Events)
                {
                    copier.Insert("order_events", Change(row, "seq", null, ("order_id", id), ("actor_account", Owned(row["actor_account"], account))));
                }

                foreach (var row in template.Ledger)
                {
                    var movement = Convert.ToInt64(row["movement_id"], CultureInfo.InvariantCulture);
                    if (!movements.TryGetValue(movement, out var newMovement))
                    {
                        movements[movement] = newMovement = nextMovement++;
                    }

                    var leg = Change(row, "id", null, ("movement_id", newMovement), ("account_id", Owned(row["account_id"], account)!), ("order_id", id));
                    copier.Insert("ledger_entries", leg);
                    Move(leg);
                }

                foreach (var row in template.ExternalIds)
                {
                    copier.Insert("external_ids", Change(row, null, null, ("scope", $"fill:{id}")));
                }
            }

            copier.Commit();
            say($"{end:N0} of {copies:N0} copies written ({openSoFar:N0} open)");
        }

        copier.Begin();
        foreach (var ((account, asset), (available, locked)) in _moved)
        {
            copier.AddToBalance(account, asset, available, locked);
        }

        copier.Commit();
        copier.Finish(nextOrder - 1, nextMovement - 1);
        say($"balances moved for {_moved.Count} account assets");
    }

    private static void CopyOrder(Copier copier, Row order, long id, long account)
    {
        copier.Insert("orders", Change(order, null, null,
            ("id", id),
            ("uuid", copier.NewUuid()),
            ("number", $"ORD-{id:D8}"),
            ("client_order_id", null),
            ("account_id", account)));
    }

    private object? Owned(object? value, long account) =>
        value is not null && Convert.ToInt64(value, CultureInfo.InvariantCulture) == Owner ? account : value;

    private void Move(Row leg)
    {
        var key = (Convert.ToInt64(leg["account_id"], CultureInfo.InvariantCulture), (string)leg["asset"]!);
        var amount = leg["amount"] is string text ? decimal.Parse(text, CultureInfo.InvariantCulture) : Convert.ToDecimal(leg["amount"], CultureInfo.InvariantCulture);
        _moved.TryGetValue(key, out var sum);
        _moved[key] = (string)leg["bucket"]! == "Available" ? (sum.Available + amount, sum.Locked) : (sum.Available, sum.Locked + amount);
    }

    /// <summary>The row with columns replaced, and one column (an identity the database assigns) left out.</summary>
    private static Row Change(Row row, string? drop, object? unused, params (string Column, object? Value)[] changes)
    {
        var columns = new List<string>();
        var values = new List<object?>();
        for (var i = 0; i < row.Columns.Length; i++)
        {
            if (row.Columns[i] == drop)
            {
                continue;
            }

            columns.Add(row.Columns[i]);
            var change = Array.FindIndex(changes, c => c.Column == row.Columns[i]);
            values.Add(change >= 0 ? changes[change].Value : row.Values[i]);
        }

        return new Row([.. columns], [.. values]);
    }

    private sealed record Template(Row Order, List<Row> Events, List<Row> Ledger, List<Row> ExternalIds);
}
