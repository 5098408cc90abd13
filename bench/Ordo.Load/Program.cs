// An open-loop load generator: requests leave at a fixed rate whatever the server does, and each
// one's latency counts from the moment it was due, so a stall of the server shows in full instead
// of being hidden by fewer requests sent during it (wrk, a closed loop, waits for answers first).
//
// dotnet Ordo.Load.dll --url http://127.0.0.1:8080 --rate 1000 --seconds 10 --requests FILE
//   [--once] [--max-in-flight 256] [--warmup 0] [--header "Name: value"]... [--ok TEXT]
// FILE: one request a line, METHOD<tab>/path[<tab>JSON body[<tab>Name: value]...]; used in turn, cycled unless --once
// (each line sent once: e.g. first cancels; the run stops early if the lines run out).
// --warmup S: requests due in the first S seconds are sent but not counted (the client's own JIT
// and connection set-up); the rate and the count of --once lines include them.
// --ok TEXT: a 2xx answer counts as good only if its body contains TEXT (envelopes that answer 200
// with an error code). Prints one line of key=value figures, latencies in milliseconds.
using System.Diagnostics;
using System.Globalization;
using System.Text;

using Ordo.Load;

string? url = null, file = null, ok = null;
double rate = 0, seconds = 10, warmup = 0;
int maxInFlight = 256;
var once = false;
var headers = new List<(string Name, string Value)>();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--url": url = Next(); break;
        case "--rate": rate = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--max-in-flight": maxInFlight = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--requests": file = Next(); break;
        case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--once": once = true; break;
        case "--ok": ok = Next(); break;
        case "--header":
            var header = Next();
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
            break;
        default: throw new ArgumentException($"unknown argument {args[i]}");
    }
}

if (url is null || file is null || rate <= 0 || seconds <= 0 || maxInFlight < 1)
{
    Console.Error.WriteLine("usage: Ordo.Load --url URL --rate PER_SECOND --seconds S --requests FILE [--once] [--max-in-flight N] [--warmup S] [--header 'Name: value']... [--ok TEXT]");
    return 2;
}

var lines = File.ReadLines(file).Where(l => l.Length > 0).Select(RequestLine.Parse).ToList();
if (lines.Count == 0)
{
    Console.Error.WriteLine($"{file} has no requests");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxInFlight, UseProxy = false })
{
    BaseAddress = new Uri(url),
    Timeout = TimeSpan.FromSeconds(60),
};
var gate = new SemaphoreSlim(maxInFlight);
var latencies = new Latencies();
int good = 0, bad = 0, failed = 0;
var clock = Stopwatch.StartNew();

async Task SendAsync(RequestLine line, TimeSpan due)
{
    await gate.WaitAsync();
    try
    {
        using var request = new HttpRequestMessage(new HttpMethod(line.Method), line.Path);
        foreach (var (name, value) in headers.Concat(line.Headers))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (line.Body is not null)
        {
            request.Content = new StringContent(line.Body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (due.TotalSeconds >= warmup)
        {
            latencies.Add(clock.Elapsed - due);
            var fine = response.IsSuccessStatusCode && (ok is null || body.Contains(ok, StringComparison.Ordinal));
            Interlocked.Increment(ref fine ? ref good : ref bad);
        }
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        if (due.TotalSeconds >= warmup)
        {
            latencies.Add(clock.Elapsed - due);
            Interlocked.Increment(ref failed);
        }
    }
    finally
    {
        gate.Release();
    }
}

var total = (long)(rate * (warmup + seconds));
var sending = new List<Task>();
long next = 0;
var ranOut = false;
while (next < total && !ranOut)
{
    var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate) + 1);
    for (; next < due; next++)
    {
        if (once && next >= lines.Count)
        {
            ranOut = true;
            break;
        }

        sending.Add(SendAsync(lines[(int)(next % lines.Count)], TimeSpan.FromSeconds(next / rate)));
    }

    await Task.Delay(1);
}

var sendingTime = clock.Elapsed - TimeSpan.FromSeconds(Math.Min(warmup, clock.Elapsed.TotalSeconds));
await Task.WhenAll(sending);
var ms = (double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
Console.WriteLine(string.Join(' ',
    $"sent={next} counted={latencies.Count} good={good} bad={bad} failed={failed}",
    $"achieved={(latencies.Count / sendingTime.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)}",
    $"p50={ms(latencies.Percentile(50))} p90={ms(latencies.Percentile(90))} p99={ms(latencies.Percentile(99))} max={ms(latencies.Max)}",
    $"over1s={latencies.CountOver(TimeSpan.FromSeconds(1))} ranout={(ranOut ? 1 : 0)}"));
return 0;
