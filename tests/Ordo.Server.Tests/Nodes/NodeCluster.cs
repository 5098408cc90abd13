using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Ordo.Server.Tests.Nodes;

/// <summary>
/// Several <c>ordo serve</c> processes on one PostgreSQL database, as behind a load balancer: the same
/// admin key and the same <c>ORDO_SECRETS_KEY</c> on every node. They start together (so they race for
/// the migrations' advisory lock), and every one is stopped on <see cref="Dispose"/>.
/// </summary>
public sealed class NodeCluster : IDisposable
{
    public const string AdminKey = "nodes-admin-key-0123456789";

    private NodeCluster(IReadOnlyList<ServerProcess> nodes) => Nodes = nodes;

    public IReadOnlyList<ServerProcess> Nodes { get; }

    /// <param name="settings">Extra settings for every node (<c>Ordo__...</c> variables).</param>
    public static async Task<NodeCluster> StartAsync(string connectionString, int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["ORDO_SECRETS_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        var starting = Enumerable.Range(0, count).Select(_ => ServerProcess.StartAsync(connectionString, AdminKey, environment)).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                started.Result.Dispose();
            }

            throw;
        }

        return new NodeCluster([.. starting.Select(t => t.Result)]);
    }

    /// <summary>A client with <paramref name="key"/> for each node, in node order.</summary>
    public HttpClient[] Clients(string key) => [.. Nodes.Select(node =>
    {
        var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    })];

    /// <summary>What each node logged as a warning or failure, to explain a failed run.</summary>
    public void WriteTroubles(Xunit.Abstractions.ITestOutputHelper output)
    {
        for (var node = 0; node < Nodes.Count; node++)
        {
            var lines = Nodes[node].RecentOutput.Split('\n');
            var troubles = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("warn:", StringComparison.Ordinal))
                .Select(l => string.Join(" | ", lines.Skip(l.i).Take(3))).Take(20).ToList();
            foreach (var trouble in troubles)
            {
                output.WriteLine($"node {node}: {trouble}");
            }
        }
    }

    public void Dispose()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }
    }
}
