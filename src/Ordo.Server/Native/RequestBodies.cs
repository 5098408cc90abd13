namespace Ordo.Server.Native;

// Request shapes, for the OpenAPI description only: bodies are read field by field (see
// FieldReader) so that every bad field is named. Decimals are strings.

/// <summary>Place an order; which fields apply depends on <c>kind</c>.</summary>
public sealed record PlaceOrderBody(
    string Kind,
    string? ClientOrderId,
    string? Market,
    string? Side,
    string? Type,
    string? Price,
    string? Quantity,
    string? Resource,
    string? Asset,
    long? DurationSeconds,
    string? ReceiveAddress,
    string? PayCurrency,
    string? ReceiveCurrency,
    string? PayNetwork,
    string? ReceiveNetwork,
    string? Amount,
    string? CustomerEmail,
    string? Currency,
    int? Items,
    CustomerBody? Customer,
    string? Country);

public sealed record CustomerBody(string? Id, string? Name, string? Email);

public sealed record CancelBody(string? Reason);

public sealed record BulkCancelBody(string? Market, string? Side, string? Kind, IReadOnlyList<long>? Ids, string? Reason);

public sealed record FillBody(string? Quantity, string? Stage, string? Price, string? ExternalId);

public sealed record EventList(IReadOnlyList<EventDto> Data);
