using System.Text.Json.Nodes;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Interop;

/// <summary>The interop harness itself: unpacking a packed package, and a refusal that names the package.</summary>
public sealed class NpmPackagesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Unpacks_a_packed_package_into_node_modules_and_reuses_the_folder()
    {
        var set = new NpmPackages([], Unpack: ["@fungiesio/mcp-server@0.2.4"]);
        var folder = await set.EnsureInstalledAsync(output.WriteLine);

        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "node_modules", "@fungiesio", "mcp-server", "package.json")))!;
        manifest["version"]!.GetValue<string>().ShouldBe("0.2.4");
        File.Exists(Path.Combine(folder, "node_modules", "@fungiesio", "mcp-server", "dist", "index.js")).ShouldBeTrue();
        var log = new List<string>();
        (await set.EnsureInstalledAsync(log.Add)).ShouldBe(folder);
        log.ShouldBeEmpty("an installed set is not installed again");
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
