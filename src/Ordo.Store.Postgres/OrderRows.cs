using Npgsql;

using Ordo.Core.Orders;

namespace Ordo.Store.Postgres;

/// <summary>The orders table: its column list, and an order to and from a row.</summary>
internal static class OrderRows
{
    public const string Columns =
        "id, uuid, number, client_order_id, account_id, dialect, kind, side, type, market, price, quantity, " +
        "filled_quantity, filled_value, asset, amount_locked, amount_paid, amount_refunded, fee, state, " +
        "cancel_requested, cancel_reason, cancelled_by, cancel_not_before, cancel_fee_rate, created_at, updated_at, " +
        "cancelled_at, first_fill_at, duration, expires_at, attributes, version, fill_count, last_fill_ref, executor_account_id";

    public const string Insert =
        "INSERT INTO orders (" + Columns + ") VALUES (" +
        "@id, @uuid, @number, @client_order_id, @account_id, @dialect, @kind, @side, @type, @market, @price, @quantity, " +
        "@filled_quantity, @filled_value, @asset, @amount_locked, @amount_paid, @amount_refunded, @fee, @state, " +
        "@cancel_requested, @cancel_reason, @cancelled_by, @cancel_not_before, @cancel_fee_rate, @created_at, @updated_at, " +
        "@cancelled_at, @first_fill_at, @duration, @expires_at, @attributes, @version, @fill_count, @last_fill_ref, @executor_account_id)";

    /// <summary>Only what a command can change; the version check catches a lost update.</summary>
    public const string Update =
        "UPDATE orders SET filled_quantity = @filled_quantity, filled_value = @filled_value, amount_locked = @amount_locked, " +
        "amount_paid = @amount_paid, amount_refunded = @amount_refunded, fee = @fee, state = @state, " +
        "cancel_requested = @cancel_requested, cancel_reason = @cancel_reason, cancelled_by = @cancelled_by, " +
        "updated_at = @updated_at, cancelled_at = @cancelled_at, first_fill_at = @first_fill_at, expires_at = @expires_at, " +
        "attributes = @attributes, version = @version, fill_count = @fill_count, last_fill_ref = @last_fill_ref WHERE id = @id AND version = @version - 1";

    public static void Bind(NpgsqlParameterCollection p, Order o)
    {
        p.Put("id", o.Id);
        p.Put("uuid", o.Uuid);
        p.Put("number", o.Number);
        p.Put("client_order_id", o.ClientOrderId);
        p.Put("account_id", o.AccountId);
        p.Put("dialect", o.Dialect);
        p.Put("kind", o.Kind.ToString());
        p.Put("side", o.Side?.ToString());
        p.Put("type", o.Type?.ToString());
        p.Put("market", o.Market);
        p.Put("price", o.Price);
        p.Put("quantity", o.Quantity);
        p.Put("filled_quantity", o.FilledQuantity);
        p.Put("filled_value", o.FilledValue);
        p.Put("asset", o.Asset);
        p.Put("amount_locked", o.AmountLocked);
        p.Put("amount_paid", o.AmountPaid);
        p.Put("amount_refunded", o.AmountRefunded);
        p.Put("fee", o.Fee);
        p.Put("state", o.State.ToString());
        p.Put("cancel_requested", o.CancelRequested);
        p.Put("cancel_reason", o.CancelReason);
        p.Put("cancelled_by", o.CancelledBy?.ToString());
        p.Put("cancel_not_before", (long)o.CancelNotBefore.TotalMilliseconds);
        p.Put("cancel_fee_rate", o.CancelFeeRate);
        p.Put("created_at", o.CreatedAt);
        p.Put("updated_at", o.UpdatedAt);
        p.Put("cancelled_at", o.CancelledAt);
        p.Put("first_fill_at", o.FirstFillAt);
        p.PutSpan("duration", o.Duration);
        p.Put("expires_at", o.ExpiresAt);
        p.PutJson("attributes", o.Attributes);
        p.Put("version", o.Version);
        p.Put("fill_count", o.FillCount);
        p.Put("last_fill_ref", o.LastFillReference);
        p.Put("executor_account_id", o.ExecutorAccountId);
    }

    public static Order Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Uuid = r.GetGuid(1),
        Number = r.GetString(2),
        ClientOrderId = Sql.NullableString(r, 3),
        AccountId = r.GetInt64(4),
        Dialect = r.GetString(5),
        Kind = Enum.Parse<OrderKind>(r.GetString(6)),
        Side = Sql.NullableEnum<OrderSide>(r, 7),
        Type = Sql.NullableEnum<OrderType>(r, 8),
        Market = Sql.NullableString(r, 9),
        Price = Sql.NullableDecimal(r, 10),
        Quantity = Sql.Decimal(r, 11),
        FilledQuantity = Sql.Decimal(r, 12),
        FilledValue = Sql.Decimal(r, 13),
        Asset = Sql.NullableString(r, 14),
        AmountLocked = Sql.Decimal(r, 15),
        AmountPaid = Sql.Decimal(r, 16),
        AmountRefunded = Sql.Decimal(r, 17),
        Fee = Sql.Decimal(r, 18),
        State = Enum.Parse<OrderState>(r.GetString(19)),
        CancelRequested = r.GetBoolean(20),
        CancelReason = Sql.NullableString(r, 21),
        CancelledBy = Sql.NullableEnum<ActorKind>(r, 22),
        CancelNotBefore = TimeSpan.FromMilliseconds(r.GetInt64(23)),
        CancelFeeRate = Sql.Decimal(r, 24),
        CreatedAt = Sql.Time(r, 25),
        UpdatedAt = Sql.Time(r, 26),
        CancelledAt = Sql.NullableTime(r, 27),
        FirstFillAt = Sql.NullableTime(r, 28),
        Duration = r.IsDBNull(29) ? null : TimeSpan.FromMilliseconds(r.GetInt64(29)),
        ExpiresAt = Sql.NullableTime(r, 30),
        Attributes = Sql.ReadJson(r.GetString(31)),
        Version = r.GetInt64(32),
        FillCount = r.GetInt32(33),
        LastFillReference = Sql.NullableString(r, 34),
        ExecutorAccountId = Sql.NullableLong(r, 35),
    };

    /// <summary>The WHERE clause that finds one order by any reference, optionally within one account.</summary>
    public static string Where(OrderRef reference, NpgsqlParameterCollection p, long? accountId)
    {
        var scope = accountId is { } account ? " AND account_id = @scope" : "";
        if (accountId is { } id)
        {
            p.Put("scope", id);
        }

        switch (reference)
        {
            case OrderRef.ById byId:
                p.Put("ref", byId.Id);
                return "id = @ref" + scope;
            case OrderRef.ByUuid byUuid:
                p.Put("ref", byUuid.Uuid);
                return "uuid = @ref" + scope;
            case OrderRef.ByNumber byNumber:
                p.Put("ref", byNumber.Number);
                return "number = @ref" + scope;
            case OrderRef.ByClientId byClient when accountId is not null:
                p.Put("ref", byClient.ClientOrderId);
                return "client_order_id = @ref" + scope;
            default:
                // A client order id means nothing without its account.
                return "false";
        }
    }
}
