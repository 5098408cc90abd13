// The ceiling of Kestrel + System.Text.Json on this machine: POST and GET answer one fixed order,
// with no logging, store or authentication. bench/side-by-side.sh loads it beside Ordo in the same
// run, so Ordo's figures can be read as a share of what the HTTP stack alone does here.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var order = new
{
    id = 1,
    uuid = "01a22ab8-dca1-71a8-859a-64c9ae4031b0",
    number = "ORD-00000001",
    kind = "rental",
    state = "cancelled",
    quantity = "100",
    price = "0.01",
    amount_paid = "1",
    amount_refunded = "1",
};
app.MapPost("/v1/orders/{id}/cancel", (long id) => Results.Json(order));
app.MapPost("/v1/orders", () => Results.Json(order));
app.MapGet("/v1/orders/{id}", (long id) => Results.Json(order));
app.Run();
