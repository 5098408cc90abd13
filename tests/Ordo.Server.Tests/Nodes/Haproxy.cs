using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// Debian's haproxy run in the foreground with the repository's <c>deploy/haproxy.cfg</c>, unchanged,
/// its addresses given through the environment as the file documents; a stats listener on loopback is
/// appended so the test can read each node's state. Stopped (SIGKILL) on dispose, whatever happened.
/// </summary>
public sealed class Haproxy : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly int _statsPort;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private Haproxy(Process process, string folder, Uri address, int statsPort)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => _output.Enqueue(line.Data ?? "");
        _process.ErrorDataReceived += (_, line) => _output.Enqueue(line.Data ?? "");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _folder = folder;
        Address = address;
        _statsPort = statsPort;
    }

    public Uri Address { get; }

    public static Haproxy Start(Uri node1, Uri node2)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ordo-haproxy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var statsPort = FreePort();
        var config = Path.Combine(folder, "haproxy.cfg");
        File.WriteAllText(config, File.ReadAllText(ConfigFile()) + $"""

            # Appended by the test: the node states as CSV, on loopback.
            listen stats
                bind 127.0.0.1:{statsPort}
                stats enable
                stats uri /stats

            """);

        var info = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-db"); // foreground: the test owns the process
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(config);
        info.Environment["ORDO_LB_BIND"] = $"127.0.0.1:{port}";
        info.Environment["ORDO_NODE1"] = $"{node1.Host}:{node1.Port}";
        info.Environment["ORDO_NODE2"] = $"{node2.Host}:{node2.Port}";
        return new Haproxy(Process.Start(info)!, folder, new Uri($"http://127.0.0.1:{port}"), statsPort);
    }

    /// <summary>The state haproxy gives a node (<c>UP</c>, <c>DOWN</c>, <c>UP 1/2</c>, ...), or null before it answers.</summary>
    public async Task<string?> StateAsync(string server)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"haproxy exited with {_process.ExitCode}: {string.Join("\n", _output)}");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            var csv = await http.GetStringAsync($"http://127.0.0.1:{_statsPort}/stats;csv");
            var lines = csv.Split('\n');
            var header = lines[0].TrimStart('#', ' ').Split(',');
            var status = Array.IndexOf(header, "status");
            return lines.Skip(1).Select(l => l.Split(','))
                .FirstOrDefault(f => f.Length > status && f[0] == "ordo_nodes" && f[1] == server)?[status];
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    /// <summary>Polls haproxy until the node's state starts with <paramref name="state"/> (waiting for its health checks, not timing a rule).</summary>
    public async Task WaitForAsync(string server, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            seen = await StateAsync(server);
            if (seen is not null && seen.StartsWith(state, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"haproxy's {server} stayed {seen ?? "unknown"}, never {state}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string ConfigFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "deploy", "haproxy.cfg");
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new FileNotFoundException("deploy/haproxy.cfg not found above " + AppContext.BaseDirectory);
    }

    private static string Executable() =>
        new[] { "/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("haproxy is not installed (apt-get install haproxy; scripts/test.sh does it)");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
