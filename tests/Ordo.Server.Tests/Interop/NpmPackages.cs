using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Ordo.Server.Tests.Interop;

/// <summary>
/// A set of published npm packages the interop tests run, installed once into a cache folder
/// outside the repository (nothing third-party is committed). <see cref="Install"/> are
/// <c>npm install</c> specs; <see cref="Unpack"/> are specs whose <c>npm pack</c> tarball is then
/// unpacked into <c>node_modules/&lt;name&gt;</c> as is, without its dependencies (for a package
/// whose own dependency ranges do not resolve: install what it needs in <see cref="Install"/>).
/// </summary>
public sealed record NpmPackages(IReadOnlyList<string> Install, IReadOnlyList<string>? Unpack = null)
{
    private const string ReadyMarker = ".ordo-ready";

    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    /// <summary><c>$ORDO_INTEROP_CACHE</c>, else <c>~/.cache/ordo-interop</c>.</summary>
    public static string CacheRoot =>
        Environment.GetEnvironmentVariable("ORDO_INTEROP_CACHE") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ordo-interop");

    /// <summary>The folder of this set: the first 16 hex digits of a SHA-256 of its specs.</summary>
    public string Folder => Path.Combine(CacheRoot, Hash());

    /// <summary>
    /// The folder holding <c>node_modules</c>, installing the set first unless an earlier run did.
    /// A file lock keeps concurrent test runs from installing the same set at once; a marker
    /// written last means a run killed half-way is installed again from scratch.
    /// </summary>
    public async Task<string> EnsureInstalledAsync(Action<string> log)
    {
        var folder = Folder;
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
        {
            return folder;
        }

        Directory.CreateDirectory(CacheRoot);
        using var held = await LockAsync(folder + ".lock", log);
        if (File.Exists(Path.Combine(folder, ReadyMarker)))
        {
            return folder; // another run installed it while we waited
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), """{"name":"ordo-interop-cache","private":true}""");
        log($"npm install {string.Join(' ', Install)} into {folder} (once; later runs reuse it)");
        await NpmAsync(folder, ["install", "--no-audit", "--no-fund", "--ignore-scripts", .. Install], Install);
        foreach (var spec in Unpack ?? [])
        {
            log($"npm pack {spec}, unpacked into node_modules");
            await PackAndUnpackAsync(folder, spec);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, ReadyMarker), string.Join('\n', Specs()));
        log("npm packages ready");
        return folder;
    }

    private IEnumerable<string> Specs() => Install.Select(s => "install " + s).Concat((Unpack ?? []).Select(s => "unpack " + s));

    private string Hash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', Specs()))))[..16];

    private static async Task PackAndUnpackAsync(string folder, string spec)
    {
        var packs = Path.Combine(folder, ".packs");
        Directory.CreateDirectory(packs);
        var output = await NpmAsync(folder, ["pack", spec, "--json", "--pack-destination", packs], [spec]);
        var packed = JsonNode.Parse(output.Stdout)!.AsArray()[0]!;
        var name = packed["name"]!.GetValue<string>();
        var target = Path.Combine(folder, "node_modules", name);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        await using var file = File.OpenRead(Path.Combine(packs, packed["filename"]!.GetValue<string>()));
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            // Entries sit under one top folder (usually "package/"): drop it.
            var slash = entry.Name.IndexOf('/');
            var relative = slash < 0 ? "" : entry.Name[(slash + 1)..];
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || relative.Length == 0)
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(target, relative));
            if (!path.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{spec}: tarball entry {entry.Name} points outside its folder");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await entry.ExtractToFileAsync(path, overwrite: true);
        }
    }

    private static async Task<ProcessOutput> NpmAsync(string folder, string[] arguments, IReadOnlyList<string> specs)
    {
        var output = await ChildProcess.RunAsync("npm", arguments, folder, InstallTimeout);
        if (output.ExitCode != 0)
        {
            // Name the packages npm complains about, so a refusal (404, 403, no such version) is plain.
            var named = specs.Where(s => output.Stderr.Contains(PackageName(s), StringComparison.Ordinal)
                || output.Stderr.Contains(PackageName(s).Replace("/", "%2f", StringComparison.Ordinal), StringComparison.Ordinal)).ToList();
            var tail = string.Join('\n', output.Stderr.Split('\n').TakeLast(20));
            throw new InvalidOperationException(
                $"npm {arguments[0]} failed (exit {output.ExitCode}) for {string.Join(", ", named.Count > 0 ? named : specs)}; "
                + $"the interop tests need the npm registry. npm said:\n{tail}");
        }

        return output;
    }

    /// <summary><c>@scope/name@1.2.3</c> → <c>@scope/name</c>.</summary>
    private static string PackageName(string spec)
    {
        var at = spec.LastIndexOf('@');
        return at > 0 ? spec[..at] : spec;
    }

    private static async Task<FileStream> LockAsync(string path, Action<string> log)
    {
        var waited = false;
        var deadline = DateTime.UtcNow + InstallTimeout + TimeSpan.FromMinutes(1);
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock across processes (flock on Unix).
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!waited)
                {
                    log($"waiting for another run installing into {path[..^".lock".Length]}");
                    waited = true;
                }

                await Task.Delay(500); // waiting for another process, not timing a rule
            }
        }
    }
}
