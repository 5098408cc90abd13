using Npgsql;

using Ordo.Core.Ledger;
using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>The payouts table: insert, and a page newest first (an account's, an order's, or all).</summary>
internal static class PayoutRows
{
    public const string Insert =
        "INSERT INTO payouts (order_id, account_id, asset, amount, address, reason, created_at) " +
        "VALUES (@order, @account, @asset, @amount, @address, @reason, @at) RETURNING id";

    public static void Bind(NpgsqlParameterCollection p, Payout payout)
    {
        p.Put("order", payout.OrderId);
        p.Put("account", payout.AccountId);
        p.Put("asset", payout.Asset);
        p.Put("amount", payout.Amount);
        p.Put("address", payout.Address);
        p.Put("reason", payout.Reason);
        p.Put("at", payout.CreatedAt);
    }

    public static SqlQuery<Payout> List(NpgsqlConnection connection, PayoutQuery q)
    {
        var command = connection.CreateCommand();
        var p = command.Parameters;
        var where = new List<string>();
        if (q.AccountId is { } account)
        {
            where.Add("account_id = @account");
            p.Put("account", account);
        }

        if (q.OrderId is { } order)
        {
            where.Add("order_id = @order");
            p.Put("order", order);
        }

        if (q.BeforeId is { } before)
        {
            where.Add("id < @before");
            p.Put("before", before);
        }

        p.Put("limit", q.Limit);
        command.CommandText =
            "SELECT id, order_id, account_id, asset, amount, address, reason, created_at FROM payouts" +
            (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
            " ORDER BY id DESC LIMIT @limit";
        return new(command, r => new Payout(
                r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), Sql.Decimal(r, 4), r.GetString(5), r.GetString(6), Sql.Time(r, 7)));
    }
}
