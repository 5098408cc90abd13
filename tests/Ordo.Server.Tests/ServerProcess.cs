using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Ordo.Server.Hosting;

namespace Ordo.Server.Tests;

/// <summary>
/// <c>ordo serve</c> as a separate process on a loopback port, so a test can kill it outright
/// (SIGKILL: no graceful stop, no flush) and start it again on the same database file.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The last lines the process wrote (standard output and error), to explain a failure.</summary>
    public string RecentOutput { get { lock (_output) { return string.Join("\n", _output); } } }

    /// <param name="database">What <c>--db</c> names: a SQLite file, or a PostgreSQL connection string.</param>
    /// <param name="environment">Extra variables for the process, e.g. a dialect's settings (<c>Tronify__TronNodeUrl</c>).</param>
    public static async Task<ServerProcess> StartAsync(string database, string adminKey, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(OrdoServer).Assembly.Location);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--db");
        info.ArgumentList.Add(database);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ORDO_ADMIN_KEY"] = adminKey;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilUpAsync();
        return server;
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    private async Task WaitUntilUpAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"ordo serve exited with {_process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(100); // polling for start-up, not timing a rule
        }

        throw new TimeoutException("ordo serve did not become ready in 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
