using System.Net;

using Microsoft.Extensions.DependencyInjection;

using Ordo.Core.Store;

namespace Ordo.Server.Tests.Native;

/// <summary>
/// One <c>Idempotency-Key</c>, two nodes, a request whose answer is kept in a write of its own (a
/// deposit): when the other node kept its answer first, this node's answer is that one, replayed.
/// One key never has two answers.
/// </summary>
public sealed class IdempotencyTwoNodesTests : IAsyncLifetime
{
    private ServerFixture _first = null!;

    public async Task InitializeAsync() => _first = await ServerFixture.StartAsync();

    public async Task DisposeAsync() => await _first.DisposeAsync();

    [Fact]
    public async Task A_key_whose_answer_another_node_kept_first_is_answered_with_that_answer()
    {
        var tenant = await _first.TenantAsync();
        var path = $"/v1/accounts/{tenant.AccountId}/deposits";
        const string body = """{"asset":"TRX","amount":"5","external_id":"two-nodes-1"}""";
        HttpResponseMessage? firstAnswer = null;

        // The second node looks the key up and finds nothing; before it goes on, the first node serves the same request whole.
        await using var second = await _first.AnotherNodeAsync(services => services.AddSingleton<IIdempotencyStore>(sp =>
            new AfterTheLookUp((IIdempotencyStore)sp.GetRequiredService<IOrderStore>(), async () =>
            {
                using var admin = _first.Admin();
                firstAnswer = await admin.SendAsync(Request(path, body));
            })));

        using var secondAdmin = second.Admin();
        using var answer = await secondAdmin.SendAsync(Request(path, body));

        firstAnswer!.StatusCode.ShouldBe(HttpStatusCode.OK);
        firstAnswer.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"], "the first node's kept answer, not this node's own");
        (await answer.Content.ReadAsStringAsync()).ShouldBe(await firstAnswer.Content.ReadAsStringAsync());
        (await _first.BalanceAsync(tenant.AccountId)).Available.ShouldBe(5m, "deposited once");
    }

    private static HttpRequestMessage Request(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ServerFixture.Body(body) };
        request.Headers.Add("Idempotency-Key", "deposit-two-nodes");
        return request;
    }

    /// <summary>The real store; its first lookup runs <paramref name="meanwhile"/> before it answers what it found.</summary>
    private sealed class AfterTheLookUp(IIdempotencyStore real, Func<Task> meanwhile) : IIdempotencyStore
    {
        private int _lookups;

        public async Task<IdempotencyRecord?> FindAsync(string scope, string key, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
        {
            var found = await real.FindAsync(scope, key, notBefore, cancellationToken);
            if (Interlocked.Increment(ref _lookups) == 1)
            {
                await meanwhile();
            }

            return found;
        }

        public Task<bool> SaveAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) => real.SaveAsync(record, cancellationToken);

        public Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) => real.PurgeAsync(olderThan, cancellationToken);
    }
}
