using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;

using Microsoft.Data.Sqlite;

using Npgsql;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// Reads the database (a SQLite file or a PostgreSQL schema) after the crash loop's last stop and lists every broken promise:
/// acknowledged changes missing, a request that acted twice, an order both filled and cancelled,
/// a refund or release made twice, money created or lost, locks that do not match open orders.
/// </summary>
public sealed class CrashInvariants
{
    private sealed record OrderRow(long Id, long Account, string Kind, decimal Quantity, decimal Filled, string State, string? Asset, decimal Locked);

    private sealed record Leg(long Movement, long Account, string Asset, string Bucket, decimal Amount, long? Order, string Reason);

    private sealed record EventRow(long Order, string Type, Dictionary<string, string> Data);

    private readonly List<OrderRow> _orders = [];
    private readonly List<Leg> _ledger = [];
    private readonly List<EventRow> _events = [];
    private readonly Dictionary<(long Account, string Asset), (decimal Available, decimal Locked)> _balances = [];
    private readonly HashSet<(string Scope, string Id)> _externalIds = [];
    private readonly Dictionary<long, int> _tradesPerOrder = [];

    public List<string> Violations { get; } = [];

    /// <summary>Acknowledged changes confirmed present.</summary>
    public int AcknowledgedChecked { get; private set; }

    /// <summary>Idempotency keys whose effect was counted.</summary>
    public int KeysChecked { get; private set; }

    public int Orders => _orders.Count;

    /// <summary>The rows of a SQLite database file (the server stopped).</summary>
    public static CrashInvariants Read(string databasePath)
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Read(connection, transaction: null);
    }

    /// <summary>
    /// The rows of a PostgreSQL store (<paramref name="connectionString"/> with the store's schema as its
    /// search path), all read in one repeatable-read snapshot, so servers still running cannot tear them.
    /// </summary>
    public static CrashInvariants ReadPostgres(string connectionString)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var snapshot = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        return Read(connection, snapshot);
    }

    // One reader for both engines: SQLite keeps decimals as text and event data as JSON text,
    // PostgreSQL as numeric and jsonb; Dec and GetString take either.
    private static CrashInvariants Read(DbConnection connection, DbTransaction? transaction)
    {
        var check = new CrashInvariants();
        foreach (var r in Rows(connection, transaction, "SELECT id, account_id, kind, quantity, filled_quantity, state, asset, amount_locked FROM orders"))
        {
            check._orders.Add(new OrderRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Dec(r, 3), Dec(r, 4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), Dec(r, 7)));
        }

        foreach (var r in Rows(connection, transaction, "SELECT movement_id, account_id, asset, bucket, amount, order_id, reason FROM ledger_entries"))
        {
            check._ledger.Add(new Leg(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Dec(r, 4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6)));
        }

        foreach (var r in Rows(connection, transaction, "SELECT order_id, type, data FROM order_events"))
        {
            var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.GetString(2))!
                .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            check._events.Add(new EventRow(r.GetInt64(0), r.GetString(1), data));
        }

        foreach (var r in Rows(connection, transaction, "SELECT account_id, asset, available, locked FROM balances"))
        {
            check._balances[(r.GetInt64(0), r.GetString(1))] = (Dec(r, 2), Dec(r, 3));
        }

        foreach (var r in Rows(connection, transaction, "SELECT scope, external_id FROM external_ids"))
        {
            check._externalIds.Add((r.GetString(0), r.GetString(1)));
        }

        foreach (var r in Rows(connection, transaction, "SELECT maker_order_id, taker_order_id FROM trades"))
        {
            foreach (var id in new[] { r.GetInt64(0), r.GetInt64(1) })
            {
                check._tradesPerOrder[id] = check._tradesPerOrder.GetValueOrDefault(id) + 1;
            }
        }

        return check;
    }

    /// <summary>Every answered request did what its answer said, and every request acted at most once.</summary>
    public void CheckRequests(IReadOnlyList<CrashOp> log)
    {
        var byId = _orders.ToDictionary(o => o.Id);
        var byMarker = _orders.GroupBy(o => (o.Account, o.Kind, o.Quantity)).ToDictionary(g => g.Key, g => g.Count());
        var claimed = new HashSet<(long, string, decimal)>();
        foreach (var op in log)
        {
            switch (op.Kind)
            {
                case CrashOpKind.Place:
                {
                    var marker = (op.AccountId, op.OrderKind!, op.Quantity);
                    claimed.Add(marker);
                    var made = byMarker.GetValueOrDefault(marker);
                    if (op.IdempotencyKey is not null)
                    {
                        KeysChecked++;
                    }

                    if (op.Status is null)
                    {
                        // A place without a key that never got an answer was not sent again: it acted once or not at all.
                        if (op.IdempotencyKey is not null)
                        {
                            Violations.Add($"{op}: never answered, even after the final retries");
                        }
                        else if (made > 1)
                        {
                            Violations.Add($"{op}: unanswered, yet made {made} orders");
                        }

                        continue;
                    }

                    var expected = op.Status == 201 ? 1 : 0;
                    if (made != expected)
                    {
                        Violations.Add($"{op}: answered {op.Status} after {op.Attempts} attempt(s), but made {made} orders (expected {expected})");
                    }

                    if (op.Status == 201)
                    {
                        AcknowledgedChecked++;
                        if (!byId.TryGetValue(op.OrderId!.Value, out var order) || order.Account != op.AccountId || order.Kind != op.OrderKind || order.Quantity != op.Quantity)
                        {
                            Violations.Add($"{op}: acknowledged as order {op.OrderId}, which is not in the database as placed");
                        }
                    }

                    break;
                }

                case CrashOpKind.Cancel when op.Status == 200:
                    AcknowledgedChecked++;
                    if (!byId.TryGetValue(op.OrderId!.Value, out var cancelled) || cancelled.State != "Cancelled")
                    {
                        Violations.Add($"{op}: acknowledged, but order {op.OrderId} is {cancelled?.State ?? "missing"}");
                    }

                    break;

                case CrashOpKind.Fill when op.Status == 200:
                    AcknowledgedChecked++;
                    if (!_externalIds.Contains(($"fill:{op.OrderId}", op.ExternalId!)))
                    {
                        Violations.Add($"{op}: acknowledged, but order {op.OrderId} has no fill {op.ExternalId}");
                    }

                    break;

                case CrashOpKind.Cancel or CrashOpKind.Fill when op.Status is null:
                    Violations.Add($"{op}: never answered, even after the final retries");
                    break;
            }

            if (op.Kind != CrashOpKind.Place && op.IdempotencyKey is not null)
            {
                KeysChecked++;
            }
        }

        foreach (var (marker, count) in byMarker.Where(m => !claimed.Contains(m.Key)))
        {
            Violations.Add($"{count} order(s) of account {marker.Account}, {marker.Kind} {marker.Quantity}, that no request placed");
        }

        // Each fill's external id acted once.
        foreach (var group in _events.Where(e => e.Data.ContainsKey("external_id")).GroupBy(e => (e.Order, e.Data["external_id"])).Where(g => g.Count() > 1))
        {
            Violations.Add($"order {group.Key.Order}: fill {group.Key.Item2} applied {group.Count()} times");
        }
    }

    /// <summary>Orders never both filled and cancelled; refunds and releases at most once; money conserved; locks match orders.</summary>
    public void CheckBooks(long[] tenants)
    {
        var paidStages = new HashSet<string> { "Paid", "Refunded", "PartiallyRefunded", "FundedProvider", "FundReceivedFromUser", "FundedUser", "Completed" };
        foreach (var order in _orders)
        {
            var events = _events.Where(e => e.Order == order.Id).ToList();
            var cancels = events.Count(e => e.Type == "order.cancelled");
            var filled = events.Any(e => e.Type is "order.filled" or "order.completed")
                || events.Any(e => e.Type == "order.stage_changed" && paidStages.Contains(e.Data.GetValueOrDefault("to", "")));
            if (cancels > 1)
            {
                Violations.Add($"order {order.Id}: cancelled {cancels} times");
            }

            if (cancels > 0 && (filled || (order.Quantity > 0 && order.Filled == order.Quantity && order.Kind is "Rental" or "Limit")))
            {
                Violations.Add($"order {order.Id} ({order.Kind}): both filled and cancelled");
            }

            if (order.State is "Filled" or "Cancelled" or "Expired" or "Completed" or "Rejected" && order.Locked != 0)
            {
                Violations.Add($"order {order.Id} ({order.Kind}) is {order.State} and still holds {order.Locked} {order.Asset}");
            }

            var legs = _ledger.Where(l => l.Order == order.Id).ToList();
            var refunds = legs.Where(l => l.Reason == "refund").Select(l => l.Movement).Distinct().Count();
            var releases = legs.Where(l => l.Reason == "release").Select(l => l.Movement).Distinct().Count();
            if (refunds > 1)
            {
                Violations.Add($"order {order.Id}: refunded {refunds} times");
            }

            // A limit order releases price improvement at each of its trades, and what it still holds once, when it ends.
            if (releases > _tradesPerOrder.GetValueOrDefault(order.Id) + 1)
            {
                Violations.Add($"order {order.Id}: {releases} releases for {_tradesPerOrder.GetValueOrDefault(order.Id)} trades");
            }
        }

        // The balances table is the sum of the ledger, bucket by bucket.
        var fromLedger = _ledger.GroupBy(l => (l.Account, l.Asset))
            .ToDictionary(g => g.Key, g => (Available: g.Where(l => l.Bucket == "Available").Sum(l => l.Amount), Locked: g.Where(l => l.Bucket == "Locked").Sum(l => l.Amount)));
        foreach (var key in fromLedger.Keys.Union(_balances.Keys))
        {
            var stored = _balances.GetValueOrDefault(key);
            var summed = fromLedger.GetValueOrDefault(key);
            if (stored != summed)
            {
                Violations.Add($"account {key.Account} {key.Asset}: balance {stored} but the ledger sums to {summed}");
            }

            if (key.Account != Ordo.Core.Ledger.SystemAccounts.External && (stored.Available < 0 || stored.Locked < 0))
            {
                Violations.Add($"account {key.Account} {key.Asset}: negative balance {stored}");
            }
        }

        // Per asset: tenants' balances and locks plus the platform's fees equal the deposits (the external account's minus).
        foreach (var asset in _balances.Keys.Select(k => k.Asset).Distinct())
        {
            var deposits = -_balances.Where(b => b.Key.Asset == asset && b.Key.Account == Ordo.Core.Ledger.SystemAccounts.External).Sum(b => b.Value.Available + b.Value.Locked);
            var held = _balances.Where(b => b.Key.Asset == asset && b.Key.Account != Ordo.Core.Ledger.SystemAccounts.External).Sum(b => b.Value.Available + b.Value.Locked);
            if (held != deposits)
            {
                Violations.Add($"{asset}: balances + locks + fees = {held}, deposits = {deposits}");
            }
        }

        // Every account's locked balance is exactly what its orders hold.
        foreach (var account in tenants)
        {
            foreach (var asset in _balances.Keys.Where(k => k.Account == account).Select(k => k.Asset))
            {
                var held = _orders.Where(o => o.Account == account && o.Asset == asset).Sum(o => o.Locked);
                var locked = _balances[(account, asset)].Locked;
                if (held != locked)
                {
                    Violations.Add($"account {account} {asset}: locked {locked}, its orders hold {held}");
                }
            }
        }
    }

    private static decimal Dec(DbDataReader r, int ordinal) => r.GetValue(ordinal) switch
    {
        decimal exact => exact,
        string text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        var other => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
    };

    private static IEnumerable<DbDataReader> Rows(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader;
        }
    }
}
