using Npgsql;

using Ordo.Core.Matching;
using Ordo.Core.Orders;
using Ordo.Core.Store;

namespace Ordo.Store.Postgres;

/// <summary>The trades table: insert, and an account's trades newest first.</summary>
internal static class TradeRows
{
    public const string Insert =
        "INSERT INTO trades (market, price, volume, maker_order_id, taker_order_id, maker_account_id, taker_account_id, taker_side, buyer_fee, seller_fee, created_at) " +
        "VALUES (@market, @price, @volume, @maker, @taker, @maker_account, @taker_account, @side, @buyer_fee, @seller_fee, @at) RETURNING id";

    public static void Bind(NpgsqlParameterCollection p, TradeRecord t)
    {
        p.Put("market", t.Market);
        p.Put("price", t.Price);
        p.Put("volume", t.Volume);
        p.Put("maker", t.MakerOrderId);
        p.Put("taker", t.TakerOrderId);
        p.Put("maker_account", t.MakerAccountId);
        p.Put("taker_account", t.TakerAccountId);
        p.Put("side", t.TakerSide.ToString());
        p.Put("buyer_fee", t.BuyerFee);
        p.Put("seller_fee", t.SellerFee);
        p.Put("at", t.CreatedAt);
    }

    public static SqlQuery<TradeRecord> List(NpgsqlConnection connection, TradeQuery q)
    {
        var command = connection.CreateCommand();
        var p = command.Parameters;
        p.Put("account", q.AccountId);
        var where = "(maker_account_id = @account OR taker_account_id = @account)";
        if (q.Market is { } market)
        {
            where += " AND market = @market";
            p.Put("market", market);
        }

        if (q.OrderId is { } order)
        {
            where += " AND (maker_order_id = @order OR taker_order_id = @order)";
            p.Put("order", order);
        }

        if (q.CreatedFrom is { } from)
        {
            where += " AND created_at >= @from";
            p.Put("from", from);
        }

        if (q.CreatedTo is { } to)
        {
            where += " AND created_at <= @to";
            p.Put("to", to);
        }

        p.Put("limit", q.Limit);
        p.Put("offset", q.Offset);
        command.CommandText =
            "SELECT id, market, price, volume, maker_order_id, taker_order_id, maker_account_id, taker_account_id, taker_side, buyer_fee, seller_fee, created_at " +
            $"FROM trades WHERE {where} ORDER BY id {(q.OldestFirst ? "ASC" : "DESC")} LIMIT @limit OFFSET @offset";
        return new(command, r => new TradeRecord(
                r.GetInt64(0), r.GetString(1), Sql.Decimal(r, 2), Sql.Decimal(r, 3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7),
                Enum.Parse<OrderSide>(r.GetString(8)), Sql.Decimal(r, 9), Sql.Decimal(r, 10), Sql.Time(r, 11)));
    }
}
