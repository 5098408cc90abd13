using System.Diagnostics;
using System.Globalization;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Fuzz;

/// <summary>
/// Generated bad input on every endpoint of every dialect, native and admin included, against a real
/// server on loopback: no 5xx, no dropped connection, the dialect's own envelope and an
/// <c>X-Request-Id</c> on every answer, and nothing written by any request that was refused.
/// Quick by default; <c>ORDO_FUZZ_REQUESTS=100000</c> for the full run, <c>ORDO_FUZZ_SEED</c> to replay one.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int QuickRequests = 6_000;

    [Fact]
    public async Task Bad_input_on_every_endpoint_gets_the_dialects_envelope_and_writes_nothing()
    {
        var requests = Setting("ORDO_FUZZ_REQUESTS", QuickRequests);
        var seed = Setting("ORDO_FUZZ_SEED", Random.Shared.Next());
        var replay = $"replay: ORDO_FUZZ_SEED={seed} ORDO_FUZZ_REQUESTS={requests} dotnet test tests/Ordo.Server.Tests --filter Fuzz";
        output.WriteLine($"fuzz seed {seed}, {requests} requests ({replay})");

        // No rate limit: every request should reach the parser, not the limiter.
        await using var server = await ServerFixture.StartAsync(new ServerOptions { RateLimitPerSecond = 0, ClientAddressLimit = 0, SweepInterval = TimeSpan.FromHours(1) });
        var targets = await FuzzTargets.CreateAsync(server);
        using var fingerprint = new DatabaseFingerprint(server.DatabasePath);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = server.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var random = new Random(seed);
        var findings = new List<string>();
        var found = 0;
        var refusals = 0;
        var writes = 0;
        var statuses = new SortedDictionary<int, int>();
        var written = fingerprint.Take();
        var stored = fingerprint.StoredAnswers();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            var target = targets[i % targets.Count];
            var request = Mutator.Next(target, random);
            var refused = true;
            string? problem;
            try
            {
                using var message = request.ToMessage();
                using var response = await http.SendAsync(message);
                var text = await response.Content.ReadAsStringAsync();
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                problem = Envelopes.Check(target.Dialect, response, text, out refused);
                problem = problem is null ? null : $"{problem}: {(text.Length > 300 ? text[..300] : text)}";
            }
            catch (Exception error) when (error is HttpRequestException or IOException or TaskCanceledException)
            {
                problem = $"no answer: {error.GetBaseException().Message}";
            }

            var now = fingerprint.Take();
            if (refused && now != written)
            {
                problem ??= $"refused, yet the database changed:\n    before {written}\n    after  {now}";
            }

            var storedNow = fingerprint.StoredAnswers();
            if (storedNow != stored && !request.HasIdempotencyKey)
            {
                problem ??= "an answer was stored for idempotency without an Idempotency-Key";
            }

            refusals += refused ? 1 : 0;
            writes += !refused && now != written ? 1 : 0;
            (written, stored) = (now, storedNow);
            if (problem is not null && ++found <= 20)
            {
                findings.Add($"#{i} {target.Name}: {problem}\n  {request}");
            }
        }

        output.WriteLine($"{requests} requests over {targets.Count} endpoints in {clock.Elapsed.TotalSeconds:0.0} s; {refusals} refused; "
            + $"{writes} accepted writes; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}; {found} findings");
        if (found > 0)
        {
            Assert.Fail($"fuzz seed {seed}: {found} of {requests} requests went wrong ({replay}); the first:\n{string.Join("\n", findings)}");
        }

        // The write check is only real if the fingerprint sees writes: mutations that stay valid make some.
        writes.ShouldBeGreaterThan(0, "no accepted request changed the database fingerprint");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
