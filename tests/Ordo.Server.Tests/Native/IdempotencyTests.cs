using System.Net;
using System.Net.Sockets;
using System.Text;

using Microsoft.Extensions.DependencyInjection;

using Ordo.Server.Native;

namespace Ordo.Server.Tests.Native;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_response_and_places_once()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var first = await Send(tenant, "k-1", Orders.Rental());
        var second = await Send(tenant, "k-1", Orders.Rental());
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await tenant.Http.GetJsonAsync("/v1/orders")).Body["data"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_credential_created_under_a_key_is_never_replayed_with_its_secret()
    {
        // Issue 9, defect 3: the kept answer once held the issued key in plain text for 24 hours.
        using var admin = _server.Admin();
        var account = (await ServerFixture.Json(await admin.PostAsync("/v1/accounts", ServerFixture.Body("""{"name":"keys"}"""))))["id"]!.GetValue<long>();
        foreach (var (dialect, secret) in new[] { ("native", "key"), ("feee", "key"), ("xendbridge", "secret_key") })
        {
            var body = $$"""{"dialect":"{{dialect}}"}""";
            var first = await SendAs(admin, $"/v1/accounts/{account}/credentials", $"cred-{dialect}", body);
            first.StatusCode.ShouldBe(HttpStatusCode.Created);
            var issued = await ServerFixture.Json(first);
            issued[secret]!.GetValue<string>().ShouldNotBeNullOrEmpty();

            var replay = await SendAs(admin, $"/v1/accounts/{account}/credentials", $"cred-{dialect}", body);
            replay.StatusCode.ShouldBe(HttpStatusCode.Created);
            replay.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
            var replayed = await ServerFixture.Json(replay);
            replayed["id"]!.GetValue<long>().ShouldBe(issued["id"]!.GetValue<long>(), "the same credential, created once");
            replayed[secret].ShouldBeNull("a secret is shown once");
            (await replay.Content.ReadAsStringAsync()).ShouldNotContain(issued[secret]!.GetValue<string>());
        }

        var stored = await DatabaseRows.TextsAsync(_server.DatabasePath, "SELECT body FROM idempotency_keys");
        stored.ShouldNotBeEmpty();
        stored.ShouldAllBe(body => !body.Contains("\"key\"") && !body.Contains("secret_key"));
    }

    private static async Task<HttpResponseMessage> SendAs(HttpClient http, string path, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ServerFixture.Body(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        await Send(tenant, "k-2", Orders.Rental());
        var other = await Send(tenant, "k-2", Orders.Rental(quantity: 999));
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ServerFixture.Json(other))["code"]!.GetValue<string>().ShouldBe("idempotency_key_reused");
    }

    [Fact]
    public async Task A_validation_failure_is_not_kept()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        (await Send(tenant, "k-3", """{"kind":"rental"}""")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Send(tenant, "k-3", Orders.Rental())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_same_key_while_the_first_request_runs_is_409()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));

        // Hold the first request open: send its headers and only part of its body.
        using var socket = new TcpClient();
        await socket.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = socket.GetStream();
        var body = Encoding.UTF8.GetBytes(Orders.Rental());
        var head = $"POST /v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {tenant.Key}\r\n" +
                   $"Idempotency-Key: k-4\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, 10));
        await stream.FlushAsync();

        // Wait until the server holds the first request under its key (it is then reading the body),
        // instead of probing in a loop: probes raced Kestrel's minimum body data rate, which ends a
        // stalled body after its 5 s grace, on a loaded CI machine.
        var inFlight = _server.Services.GetRequiredService<Idempotency.InFlightKeys>();
        var held = Task.Run(async () =>
        {
            while (!inFlight.Keys.Any(k => k.Key == "k-4"))
            {
                await Task.Delay(5); // polls the server's state, not a rule's clock
            }
        });
        var answered = new StreamReader(stream).ReadLineAsync();
        var first = await Task.WhenAny(held, answered, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != held)
        {
            var answer = first == answered ? await answered : "(nothing within 30 s)";
            throw new ShouldAssertException($"the held request was never in flight; it was answered: {answer}");
        }

        var second = await Send(tenant, "k-4", """{"kind":"rental"}""");
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ServerFixture.Json(second))["code"]!.GetValue<string>().ShouldBe("idempotency_key_in_use");

        await stream.WriteAsync(body.AsMemory(10));
        (await answered)!.ShouldStartWith("HTTP/1.1 201");
        (await Send(tenant, "k-4", Orders.Rental())).Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
    }

    [Fact]
    public async Task A_cancel_retried_under_its_key_is_replayed()
    {
        var tenant = await _server.TenantAsync(deposits: ("TRX", 100m));
        var id = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/v1/orders/{id}/cancel");
        first.Headers.Add("Idempotency-Key", "c-1");
        var a = await tenant.Http.SendAsync(first);
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/v1/orders/{id}/cancel");
        again.Headers.Add("Idempotency-Key", "c-1");
        var b = await tenant.Http.SendAsync(again);
        (await b.Content.ReadAsStringAsync()).ShouldBe(await a.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_overlong_key_is_400()
    {
        var tenant = await _server.TenantAsync();
        var response = await Send(tenant, new string('k', 256), Orders.Rental());
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ServerFixture.Json(response))["errors"]!["Idempotency-Key"].ShouldNotBeNull();
    }

    private static Task<HttpResponseMessage> Send(Tenant tenant, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders") { Content = ServerFixture.Body(body) };
        request.Headers.Add("Idempotency-Key", key);
        return tenant.Http.SendAsync(request);
    }
}
