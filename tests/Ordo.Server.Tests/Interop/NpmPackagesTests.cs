using System.Text.Json.Nodes;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Interop;

/// <summary>The interop harness itself: unpacking a packed package, and a refusal that names the package.</summary>
public sealed class NpmPackagesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Unpacks_a_packed_package_into_node_modules_once_for_concurrent_runs()
    {
        var set = new NpmPackages([], Unpack: ["@fungiesio/mcp-server@0.2.4"]);
        if (Directory.Exists(set.Folder))
        {
            Directory.Delete(set.Folder, recursive: true); // start from nothing, so the lock is what keeps the two apart
        }

        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Log(string line)
        {
            log.Enqueue(line);
            output.WriteLine(line);
        }

        var folders = await Task.WhenAll(set.EnsureInstalledAsync(Log), set.EnsureInstalledAsync(Log));

        folders.Distinct().ShouldHaveSingleItem().ShouldBe(set.Folder);
        log.Count(line => line.StartsWith("npm pack ", StringComparison.Ordinal)).ShouldBe(1, "installed once");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(set.Folder, "node_modules", "@fungiesio", "mcp-server", "package.json")))!;
        manifest["version"]!.GetValue<string>().ShouldBe("0.2.4");
        File.Exists(Path.Combine(set.Folder, "node_modules", "@fungiesio", "mcp-server", "dist", "index.js")).ShouldBeTrue();
        var again = new List<string>();
        (await set.EnsureInstalledAsync(again.Add)).ShouldBe(set.Folder);
        again.ShouldBeEmpty("an installed set is not installed again");
    }

    [Fact]
    public async Task A_version_the_registry_does_not_have_fails_naming_the_package()
    {
        var set = new NpmPackages(["@fungiesio/mcp-server@999.0.0"]);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => set.EnsureInstalledAsync(output.WriteLine));

        failure.Message.ShouldContain("@fungiesio/mcp-server@999.0.0");
        File.Exists(Path.Combine(set.Folder, ".ordo-ready")).ShouldBeFalse("a failed install is not marked ready");
        Directory.Delete(set.Folder, recursive: true);
    }
}
