using Microsoft.Data.Sqlite;

using Ordo.Core.Orders;

namespace Ordo.Store.Sqlite;

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
        "$id, $uuid, $number, $client_order_id, $account_id, $dialect, $kind, $side, $type, $market, $price, $quantity, " +
        "$filled_quantity, $filled_value, $asset, $amount_locked, $amount_paid, $amount_refunded, $fee, $state, " +
        "$cancel_requested, $cancel_reason, $cancelled_by, $cancel_not_before, $cancel_fee_rate, $created_at, $updated_at, " +
        "$cancelled_at, $first_fill_at, $duration, $expires_at, $attributes, $version, $fill_count, $last_fill_ref, $executor_account_id)";

    /// <summary>Only what a command can change; the version check catches a lost update.</summary>
    public const string Update =
        "UPDATE orders SET filled_quantity = $filled_quantity, filled_value = $filled_value, amount_locked = $amount_locked, " +
        "amount_paid = $amount_paid, amount_refunded = $amount_refunded, fee = $fee, state = $state, " +
        "cancel_requested = $cancel_requested, cancel_reason = $cancel_reason, cancelled_by = $cancelled_by, " +
        "updated_at = $updated_at, cancelled_at = $cancelled_at, first_fill_at = $first_fill_at, expires_at = $expires_at, " +
        "attributes = $attributes, version = $version, fill_count = $fill_count, last_fill_ref = $last_fill_ref WHERE id = $id AND version = $version - 1";

    public static void Bind(SqliteParameterCollection p, Order o)
    {
        p.Clear();
        p.Add("$id", o.Id);
        p.Add("$uuid", o.Uuid.ToString());
        p.Add("$number", o.Number);
        p.Add("$client_order_id", Sql.Nullable(o.ClientOrderId));
        p.Add("$account_id", o.AccountId);
        p.Add("$dialect", o.Dialect);
        p.Add("$kind", o.Kind.ToString());
        p.Add("$side", Sql.Nullable(o.Side?.ToString()));
        p.Add("$type", Sql.Nullable(o.Type?.ToString()));
        p.Add("$market", Sql.Nullable(o.Market));
        p.Add("$price", Sql.Text(o.Price));
        p.Add("$quantity", Sql.Text(o.Quantity));
        p.Add("$filled_quantity", Sql.Text(o.FilledQuantity));
        p.Add("$filled_value", Sql.Text(o.FilledValue));
        p.Add("$asset", Sql.Nullable(o.Asset));
        p.Add("$amount_locked", Sql.Text(o.AmountLocked));
        p.Add("$amount_paid", Sql.Text(o.AmountPaid));
        p.Add("$amount_refunded", Sql.Text(o.AmountRefunded));
        p.Add("$fee", Sql.Text(o.Fee));
        p.Add("$state", o.State.ToString());
        p.Add("$cancel_requested", o.CancelRequested ? 1 : 0);
        p.Add("$cancel_reason", Sql.Nullable(o.CancelReason));
        p.Add("$cancelled_by", Sql.Nullable(o.CancelledBy?.ToString()));
        p.Add("$cancel_not_before", (long)o.CancelNotBefore.TotalMilliseconds);
        p.Add("$cancel_fee_rate", Sql.Text(o.CancelFeeRate));
        p.Add("$created_at", Sql.Time(o.CreatedAt));
        p.Add("$updated_at", Sql.Time(o.UpdatedAt));
        p.Add("$cancelled_at", Sql.Time(o.CancelledAt));
        p.Add("$first_fill_at", Sql.Time(o.FirstFillAt));
        p.Add("$duration", Sql.Span(o.Duration));
        p.Add("$expires_at", Sql.Time(o.ExpiresAt));
        p.Add("$attributes", Sql.Json(o.Attributes));
        p.Add("$version", o.Version);
        p.Add("$fill_count", o.FillCount);
        p.Add("$last_fill_ref", Sql.Nullable(o.LastFillReference));
        p.Add("$executor_account_id", o.ExecutorAccountId is { } executor ? executor : DBNull.Value);
    }

    public static Order Read(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Uuid = Guid.Parse(r.GetString(1)),
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
        CancelRequested = r.GetInt64(20) != 0,
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
        ExecutorAccountId = r.IsDBNull(35) ? null : r.GetInt64(35),
    };

    /// <summary>The WHERE clause that finds one order by any reference, optionally within one account.</summary>
    public static string Where(OrderRef reference, List<SqliteParameter> p, long? accountId)
    {
        var scope = accountId is { } account ? " AND account_id = $scope" : "";

        // For a uuid or number the unary + keeps account_id off index choice: otherwise SQLite (no statistics)
        // may walk an account index through all of the account's orders instead of the reference's own index.
        var scopeOnly = accountId is not null ? " AND +account_id = $scope" : "";
        if (accountId is { } id)
        {
            p.Add("$scope", id);
        }

        switch (reference)
        {
            case OrderRef.ById byId:
                p.Add("$ref", byId.Id);
                return "id = $ref" + scope;
            case OrderRef.ByUuid byUuid:
                p.Add("$ref", byUuid.Uuid.ToString());
                return "uuid = $ref" + scopeOnly;
            case OrderRef.ByNumber byNumber:
                p.Add("$ref", byNumber.Number);
                return "number = $ref" + scopeOnly;
            case OrderRef.ByClientId byClient when accountId is not null:
                p.Add("$ref", byClient.ClientOrderId);
                return "client_order_id = $ref" + scope;
            default:
                // A client order id means nothing without its account.
                return "0";
        }
    }
}
