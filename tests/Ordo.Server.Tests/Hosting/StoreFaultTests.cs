using System.Net;

using Ordo.Server;
using Ordo.Testing;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// The server while another process holds SQLite's write lock (an operator's <c>sqlite3</c>, a
/// backup): requests that must write get 503 with <c>Retry-After</c> in their dialect's envelope
/// within the store's bounds, never a hang, and everything works once the lock is released.
/// The waits are SQLite's busy timeout and the write queue bound (real time, short here); the
/// 60 s limit only turns a hang into a failure.
/// </summary>
public sealed class StoreFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60);

    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new ServerOptions
    {
        SweepInterval = TimeSpan.FromMilliseconds(200),
        BusyTimeout = TimeSpan.FromMilliseconds(300),
        WriteQueueTimeout = TimeSpan.FromSeconds(1),
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_native_cancel_under_a_held_lock_gets_503_problem_with_Retry_After_then_succeeds_with_the_same_key()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var order = await tenant.PlaceAsync(Orders.Rental());
        var cancelPath = $"/v1/orders/{order["id"]}/cancel";

        using (WriteLock.Hold(_server.DatabasePath))
        {
            using var refused = await CancelAsync(tenant.Http, cancelPath, "cancel-1").WaitAsync(Answered);
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
            var requestId = refused.Headers.GetValues("X-Request-Id").Single();
            var problem = await ServerFixture.Json(refused);
            problem["code"]!.GetValue<string>().ShouldBe("store_unavailable");
            problem["status"]!.GetValue<int>().ShouldBe(503);
            problem["request_id"]!.GetValue<string>().ShouldBe(requestId);

            // Reads do not need the write lock.
            (await tenant.Http.GetJsonAsync($"/v1/orders/{order["id"]}")).Body["state"]!.GetValue<string>().ShouldBe("open");
        }

        // The key was not left "in flight" nor kept with the 503: the retry cancels, once.
        using var retried = await CancelAsync(tenant.Http, cancelPath, "cancel-1").WaitAsync(Answered);
        var body = await ServerFixture.Json(retried);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        body["state"]!.GetValue<string>().ShouldBe("cancelled");
        (await _server.BalanceAsync(tenant.AccountId)).ShouldBe((100m, 0m));
    }

    [Fact]
    public async Task Queued_native_writes_under_a_held_lock_are_each_answered_and_nothing_of_them_is_kept()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var before = await _server.SnapshotAsync();
        using (WriteLock.Hold(_server.DatabasePath))
        {
            var places = Enumerable.Range(0, 12).Select(i => tenant.Http.PostAsync("/v1/orders", ServerFixture.Body(Orders.Rental(clientOrderId: $"queued-{i}"))));
            foreach (var response in await Task.WhenAll(places).WaitAsync(Answered))
            {
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter.ShouldNotBeNull();
                response.Dispose();
            }
        }

        (await _server.SnapshotAsync()).ShouldBe(before, "a 503 wrote nothing");
        await tenant.PlaceAsync(Orders.Rental(clientOrderId: "after"));
    }

    [Fact]
    public async Task A_Feee_cancel_under_a_held_lock_gets_503_in_Feee_envelope_then_succeeds()
    {
        var user = await _server.FeeeUserAsync(trx: 10m);
        var submitted = await user.PostAsync("/open/v2/order/submit", """{"resource_type":1,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t","resource_value":32000,"rent_duration":10,"rent_time_unit":"m"}""");
        var cancel = $$"""{"order_no":"{{submitted["data"]!["order_no"]!.GetValue<string>()}}"}""";
        _server.Clock.Advance(TimeSpan.FromMinutes(5));

        using (WriteLock.Hold(_server.DatabasePath))
        {
            using var refused = await user.Http.PostAsync("/open/v2/order/cancel", ServerFixture.Body(cancel)).WaitAsync(Answered);
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
            var envelope = await ServerFixture.Json(refused);
            envelope["code"]!.GetValue<int>().ShouldBe(10503);
            envelope["data"].ShouldBeNull();
            envelope["request_id"]!.GetValue<string>().ShouldBe(refused.Headers.GetValues("X-Request-Id").Single());
        }

        var cancelled = await user.PostAsync("/open/v2/order/cancel", cancel);
        cancelled["code"]!.GetValue<int>().ShouldBe(0);
        cancelled["data"]!["status"]!.GetValue<int>().ShouldBe(12);
    }

    [Fact]
    public async Task The_expiry_sweeper_survives_a_held_lock_and_expires_the_order_afterwards()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var order = await tenant.PlaceAsync(Orders.Rental());
        using (WriteLock.Hold(_server.DatabasePath))
        {
            // Due now: every sweep while the lock is held fails to write and must not stop the sweeper.
            _server.Clock.Advance(TimeSpan.FromHours(25));
            await Task.Delay(TimeSpan.FromSeconds(2)); // several sweep ticks meet the lock; not timing a rule
            (await tenant.Http.GetJsonAsync($"/v1/orders/{order["id"]}")).Body["state"]!.GetValue<string>().ShouldBe("open");
        }

        var deadline = DateTime.UtcNow + Answered;
        string state;
        do
        {
            await Task.Delay(100); // waiting for the background sweeper's next tick
            state = (await tenant.Http.GetJsonAsync($"/v1/orders/{order["id"]}")).Body["state"]!.GetValue<string>();
        }
        while (state == "open" && DateTime.UtcNow < deadline);

        state.ShouldBe("expired");
    }

    private static async Task<HttpResponseMessage> CancelAsync(HttpClient http, string path, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ServerFixture.Body("{}") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }
}
