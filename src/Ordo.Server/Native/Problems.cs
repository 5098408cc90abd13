using Ordo.Core.Engine;
using Ordo.Core.Orders;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>Every problem the native API answers, with its stable code.</summary>
public static class Problems
{
    public static ProblemResult InvalidRequest(FieldReader fields) =>
        new(400, "invalid_request", "The request is not valid", fields.FirstError) { Errors = fields.Errors };

    public static ProblemResult InvalidRequest(string field, string message) =>
        new(400, "invalid_request", "The request is not valid", $"{field}: {message}")
        {
            Errors = new Dictionary<string, string[]> { [field] = [message] },
        };

    public static ProblemResult BodyTooLarge(string message) =>
        new(413, "invalid_request", "The request body is too large", message)
        {
            Errors = new Dictionary<string, string[]> { ["body"] = [message] },
        };

    public static ProblemResult Unauthorized() =>
        new(401, "unauthorized", "Authentication required", "send a valid API key as 'Authorization: Bearer <key>'");

    public static ProblemResult Forbidden(string scope) =>
        new(403, "forbidden", "Missing scope", $"this key lacks the '{scope}' scope");

    public static ProblemResult NoAccount() =>
        new(403, "forbidden", "No account", "the bootstrap admin key has no account: create an account and a key for it to place orders");

    public static ProblemResult SourceFlagTaken(string sourceFlag) =>
        new(409, "source_flag_taken", "Source flag taken", $"another Tronify channel already uses the source flag '{sourceFlag}'");

    public static ProblemResult EthAddressTaken(string address) =>
        new(409, "eth_address_taken", "Address taken", $"the address {address} already belongs to a tanX credential");

    public static ProblemResult StoreUnavailable(int seconds) =>
        new(503, "store_unavailable", "Service unavailable", "the store cannot take the request now (locked, disk full or I/O error); nothing was done, retry after Retry-After seconds")
        {
            RetryAfterSeconds = seconds,
        };

    public static ProblemResult CredentialNotFound() =>
        new(404, "credential_not_found", "Credential not found", "this account has no such credential");

    /// <summary>The platform (1) and external (2) accounts hold fees and the other side of deposits; nobody acts as them.</summary>
    public static ProblemResult SystemAccount(long id) =>
        new(409, "system_account", "System account", $"account {id} ({(id == Core.Ledger.SystemAccounts.Platform ? "platform" : "external")}) is a system account: it takes no credentials or deposits");

    public static ProblemResult OrderNotFound() =>
        new(404, "order_not_found", "Order not found", "no such order");

    public static ProblemResult NotFound(string what) =>
        new(404, "not_found", "Not found", $"no such {what}");

    public static ProblemResult NotCancellable(Order order) =>
        new(409, "order_not_cancellable", "Order cannot be cancelled", $"the order is {NativeNames.Stage(order.State)} and cannot be cancelled")
        {
            Order = OrderDto.From(order),
        };

    public static ProblemResult AlreadyFilled(Order order) =>
        new(409, "already_filled", "Order already filled", "the order was filled in full before the cancel") { Order = OrderDto.From(order) };

    public static ProblemResult TooEarly(Order order, DateTimeOffset retryAfter) =>
        new(409, "cancel_too_early", "Too early to cancel", $"this order can be cancelled from {retryAfter.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}")
        {
            Order = OrderDto.From(order),
            RetryAfter = retryAfter,
        };

    /// <summary>The order is shown only when the engine let the caller read it.</summary>
    public static ProblemResult NotFillable(FillResult result) =>
        new(409, "order_not_fillable", "Order cannot take this fill",
            result.Message ?? $"the order is {(result.State is { } state ? NativeNames.Stage(state) : "closed")} and takes no fill")
        {
            Order = result.Order is { } order ? OrderDto.From(order) : null,
        };

    public static ProblemResult FillExceedsRemaining(FillResult result) =>
        new(409, "fill_exceeds_remaining", "Fill larger than the remainder", result.Message!)
        {
            Order = result.Order is { } order ? OrderDto.From(order) : null,
        };

    public static ProblemResult MarketHasRestingOrders(string field, string message) =>
        new(409, "market_has_resting_orders", "The market has resting orders", $"{field}: {message}")
        {
            Errors = new Dictionary<string, string[]> { [field] = [message] },
        };

    public static ProblemResult InsufficientBalance(string message) =>
        new(409, "insufficient_balance", "Insufficient balance", message);

    public static ProblemResult ClientOrderIdTaken(Order order) =>
        new(409, "client_order_id_taken", "Client order id already used", $"order {order.Id} already has this client_order_id")
        {
            Order = OrderDto.From(order),
        };

    public static ProblemResult IdempotencyKeyReused() =>
        new(422, "idempotency_key_reused", "Idempotency key reused", "this Idempotency-Key was used with a different request");

    public static ProblemResult IdempotencyKeyInUse() =>
        new(409, "idempotency_key_in_use", "Idempotency key in use", "a request with this Idempotency-Key is still running; retry later");

    public static ProblemResult RateLimited(int retryAfterSeconds) =>
        new(429, "rate_limited", "Too many requests", $"slow down; retry in {retryAfterSeconds} s") { RetryAfterSeconds = retryAfterSeconds };
}
