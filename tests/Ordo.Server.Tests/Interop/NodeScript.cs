using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Interop;

/// <summary>What a node script left: exit code, output, and the JSON line it printed last.</summary>
public sealed record NodeResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The last stdout line that is a JSON object: the script's answer to the test.</summary>
    public JsonObject Json()
    {
        foreach (var line in Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            if (line.StartsWith('{') && TryParse(line) is { } json)
            {
                return json;
            }
        }

        throw new InvalidOperationException($"the script printed no JSON line (exit {ExitCode})\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

    private static JsonObject? TryParse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Runs one of our own node scripts (<c>Interop/scripts/</c>, copied next to the test assembly)
/// against an installed <see cref="NpmPackages"/> set.
/// </summary>
public static class NodeScript
{
    /// <summary>
    /// Copies the scripts folder into the package folder for this run (node resolves
    /// <c>import 'pkg'</c> from the importing file's folder upwards, so the scripts find the
    /// installed <c>node_modules</c>), runs <paramref name="script"/> with the given environment,
    /// and removes the copy.
    /// </summary>
    public static async Task<NodeResult> RunAsync(string packagesFolder, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Interop", "scripts");
        var copy = Path.Combine(packagesFolder, ".ordo-scripts", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            var output = await ChildProcess.RunAsync("node", [Path.Combine(copy, script)], copy, timeout, environment);
            return new NodeResult(output.ExitCode, output.Stdout, output.Stderr);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
