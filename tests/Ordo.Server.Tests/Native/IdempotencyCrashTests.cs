using System.Net;
using System.Net.Http.Json;

using Microsoft.Extensions.DependencyInjection;

using Ordo.Core.Store;

namespace Ordo.Server.Tests.Native;

/// <summary>
/// Issue 9, defects 3 and 7: an answer is kept with the change it answers, so losing everything after
/// the commit (here: every later save of an answer fails, as a crash would) never lets a retry act
/// twice; and an issued secret is never kept, so a replay cannot show it again.
/// </summary>
public sealed class IdempotencyCrashTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(overrides: services =>
            services.AddSingleton<IIdempotencyStore>(sp => new LostAfterCommit((IIdempotencyStore)sp.GetRequiredService<IOrderStore>())));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_place_cancel_and_fill_whose_answers_could_not_be_saved_afterwards_replay_on_retry()
    {
        var tenant = await _server.TenantAsync("orders:read,orders:write", ("TRX", 100m));
        var executor = await _server.TenantAsync("fills:write");

        var placed = await Send(tenant, "/v1/orders", "place-1", Orders.Rental());
        placed.Status.ShouldBe(HttpStatusCode.Created, placed.Body);
        var again = await Send(tenant, "/v1/orders", "place-1", Orders.Rental());
        again.Status.ShouldBe(HttpStatusCode.Created);
        again.Replayed.ShouldBeTrue();
        again.Body.ShouldBe(placed.Body);
        (await tenant.Http.GetJsonAsync("/v1/orders")).Body["data"]!.AsArray().Count.ShouldBe(1, "the retry placed nothing");

        var id = System.Text.Json.Nodes.JsonNode.Parse(placed.Body)!["id"]!.GetValue<long>();
        var filled = await Send(executor, $"/v1/orders/{id}/fills", "fill-1", """{"quantity":"100"}""");
        filled.Status.ShouldBe(HttpStatusCode.OK, filled.Body);
        (await Send(executor, $"/v1/orders/{id}/fills", "fill-1", """{"quantity":"100"}""")).Replayed.ShouldBeTrue();

        var cancelled = await Send(tenant, $"/v1/orders/{id}/cancel", "cancel-1", "{}");
        cancelled.Status.ShouldBe(HttpStatusCode.OK, cancelled.Body);
        var cancelledAgain = await Send(tenant, $"/v1/orders/{id}/cancel", "cancel-1", "{}");
        cancelledAgain.Replayed.ShouldBeTrue();
        cancelledAgain.Body.ShouldBe(cancelled.Body);

        var (_, order) = await tenant.Http.GetJsonAsync($"/v1/orders/{id}");
        order["filled_quantity"].Dec().ShouldBe(100m, "the fill was applied once");
        order["state"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task An_account_created_under_a_key_is_created_once()
    {
        using var admin = _server.Admin();
        var first = await Send(admin, "/v1/accounts", "acct-1", """{"name":"once"}""");
        var second = await Send(admin, "/v1/accounts", "acct-1", """{"name":"once"}""");
        first.Status.ShouldBe(HttpStatusCode.Created);
        second.Replayed.ShouldBeTrue();
        second.Body.ShouldBe(first.Body);
    }

    [Fact]
    public async Task A_credential_and_a_bulk_cancel_under_a_key_act_once()
    {
        using var admin = _server.Admin();
        var account = System.Text.Json.Nodes.JsonNode.Parse((await Send(admin, "/v1/accounts", "acct-2", """{"name":"keys"}""")).Body)!["id"]!.GetValue<long>();
        var issued = await Send(admin, $"/v1/accounts/{account}/credentials", "cred-1", """{"dialect":"feee"}""");
        issued.Status.ShouldBe(HttpStatusCode.Created, issued.Body);
        var replay = await Send(admin, $"/v1/accounts/{account}/credentials", "cred-1", """{"dialect":"feee"}""");
        replay.Replayed.ShouldBeTrue("the answer was kept with the credential");
        replay.Body.ShouldNotContain("\"key\"");
        System.Text.Json.Nodes.JsonNode.Parse(replay.Body)!["id"]!.GetValue<long>()
            .ShouldBe(System.Text.Json.Nodes.JsonNode.Parse(issued.Body)!["id"]!.GetValue<long>(), "one credential, issued once");

        var tenant = await _server.TenantAsync("orders:read,orders:write", ("TRX", 100m));
        await tenant.PlaceAsync(Orders.Rental());
        var bulk = await Send(tenant, "/v1/orders/cancel", "bulk-1", """{"kind":"rental"}""");
        bulk.Status.ShouldBe(HttpStatusCode.OK, bulk.Body);
        var later = (await tenant.PlaceAsync(Orders.Rental()))["id"]!.GetValue<long>();
        var retried = await Send(tenant, "/v1/orders/cancel", "bulk-1", """{"kind":"rental"}""");
        retried.Replayed.ShouldBeTrue();
        retried.Body.ShouldBe(bulk.Body);
        (await tenant.Http.GetJsonAsync($"/v1/orders/{later}")).Body["state"]!.GetValue<string>().ShouldBe("open", "the retry cancelled nothing placed since");
    }

    [Fact]
    public async Task A_refusal_under_a_key_replays_byte_for_byte()
    {
        var tenant = await _server.TenantAsync("orders:read,orders:write", ("TRX", 1m));
        var refused = await Send(tenant, "/v1/orders", "poor-1", Orders.Rental());
        refused.Status.ShouldBe(HttpStatusCode.Conflict, refused.Body);
        var again = await Send(tenant, "/v1/orders", "poor-1", Orders.Rental());
        again.Replayed.ShouldBeTrue();
        again.Body.ShouldBe(refused.Body);
    }

    private static Task<Answer> Send(Tenant tenant, string path, string key, string body) => Send(tenant.Http, path, key, body);

    private static async Task<Answer> Send(HttpClient http, string path, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ServerFixture.Body(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await http.SendAsync(request);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
    }

    private sealed record Answer(HttpStatusCode Status, string Body, bool Replayed);

    /// <summary>Reads as the real store does, but every answer saved after its change is lost, as in a crash right after the commit.</summary>
    private sealed class LostAfterCommit(IIdempotencyStore real) : IIdempotencyStore
    {
        public Task<IdempotencyRecord?> FindAsync(string scope, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
            real.FindAsync(scope, key, notBefore, cancellationToken);

        public Task<bool> SaveAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) =>
            throw new IOException("the process died before this save");

        public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) => real.PurgeAsync(olderThan, cancellationToken);
    }
}
