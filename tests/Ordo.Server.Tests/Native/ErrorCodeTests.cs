using System.Net;
using System.Net.Http.Headers;

using Ordo.Server;

namespace Ordo.Server.Tests.Native;

/// <summary>Every error code of the native API, each from a real request.</summary>
public sealed class ErrorCodeTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new ServerOptions
    {
        SweepInterval = TimeSpan.FromHours(1),
        Native = new NativeOrderDefaults { RentalCancelNotBefore = TimeSpan.FromMinutes(5) },
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Missing_or_unknown_key_is_401_and_a_missing_scope_403()
    {
        using var anonymous = _server.Client();
        var (none, problem) = await anonymous.GetJsonAsync("/v1/orders");
        none.ShouldBe(HttpStatusCode.Unauthorized);
        problem["code"]!.GetValue<string>().ShouldBe("unauthorized");

        using var wrong = _server.Client("ordo_not_a_key");
        (await wrong.GetJsonAsync("/v1/orders")).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var reader = await _server.TenantAsync("orders:read");
        var (forbidden, body) = await reader.Http.PostAsync("/v1/orders/1/cancel");
        forbidden.ShouldBe(HttpStatusCode.Forbidden);
        body["code"]!.GetValue<string>().ShouldBe("forbidden");
        body["detail"]!.GetValue<string>().ShouldContain("orders:write");
        (await reader.Http.GetJsonAsync("/v1/accounts/100")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cancel_inside_the_window_is_too_early_with_retry_after()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var id = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        _server.Clock.Advance(TimeSpan.FromMinutes(3));

        var response = await tenant.Http.PostAsync($"/v1/orders/{id}/cancel", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromMinutes(2));
        var body = await ServerFixture.Json(response);
        body["code"]!.GetValue<string>().ShouldBe("cancel_too_early");
        body["order"]!["state"]!.GetValue<string>().ShouldBe("open");
        body["retry_after"].ShouldNotBeNull();

        _server.Clock.Advance(TimeSpan.FromMinutes(2));
        (await tenant.Http.PostAsync($"/v1/orders/{id}/cancel")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Insufficient_balance_is_409_and_nothing_is_placed()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 5m));
        var (status, body) = await tenant.Http.PostAsync("/v1/orders", Orders.Rental());
        status.ShouldBe(HttpStatusCode.Conflict);
        body["code"]!.GetValue<string>().ShouldBe("insufficient_balance");
        (await tenant.Http.GetJsonAsync("/v1/orders")).Body["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_order_id_is_taken_once()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        await tenant.PlaceAsync(Orders.Rental(clientOrderId: "dup"));
        var (status, body) = await tenant.Http.PostAsync("/v1/orders", Orders.Rental(clientOrderId: "dup"));
        status.ShouldBe(HttpStatusCode.Conflict);
        body["code"]!.GetValue<string>().ShouldBe("client_order_id_taken");
    }

    [Fact]
    public async Task Unknown_paths_and_accounts_are_404_problems()
    {
        using var admin = _server.Admin();
        var (status, body) = await admin.GetJsonAsync("/v1/nothing-here");
        status.ShouldBe(HttpStatusCode.NotFound);
        body["code"]!.GetValue<string>().ShouldBe("not_found");
        (await admin.GetJsonAsync("/v1/accounts/99999")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Over_the_rate_limit_is_429_with_retry_after()
    {
        await using var limited = await ServerFixture.StartAsync(new ServerOptions { RateLimitPerSecond = 1, RateLimitBurst = 3, SweepInterval = TimeSpan.FromHours(1) });
        var tenant = await limited.TenantAsync();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await tenant.Http.GetAsync("/v1/orders");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        refused.ShouldNotBeNull();
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await ServerFixture.Json(refused))["code"]!.GetValue<string>().ShouldBe("rate_limited");
    }

    [Fact]
    public async Task Every_response_has_a_request_id()
    {
        using var anonymous = _server.Client();
        var response = await anonymous.GetAsync("/healthz");
        response.Headers.GetValues("X-Request-Id").Single().ShouldNotBeNullOrEmpty();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/orders");
        request.Headers.Add("X-Request-Id", "trace-me-42");
        var echoed = await anonymous.SendAsync(request);
        echoed.Headers.GetValues("X-Request-Id").Single().ShouldBe("trace-me-42");
        (await ServerFixture.Json(echoed))["request_id"]!.GetValue<string>().ShouldBe("trace-me-42");
    }
}
