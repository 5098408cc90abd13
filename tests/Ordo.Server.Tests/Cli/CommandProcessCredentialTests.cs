using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

using Ordo.Server.Hosting;
using Ordo.Server.Tests.Auth;
using Ordo.Testing;

namespace Ordo.Server.Tests.Cli;

/// <summary>
/// The <c>ordo</c> command, run as its own process on the SQLite file of a running server: a key it
/// revokes leaves the server's credential cache within a poll of the file's change counter (about a
/// tenth of a second) and is refused from then on; a key it issues works at the server's first request.
/// </summary>
public sealed partial class CommandProcessCredentialTests : IAsyncLifetime
{
    private const string AdminKey = "command-process-admin-key";
    private readonly ScratchDatabase _database = new();
    private WebApplication _server = null!;

    public async Task InitializeAsync()
    {
        var options = new ServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = _database.Path,
            AdminKey = AdminKey,
            SweepInterval = TimeSpan.FromHours(1),
        };
        _server = OrdoServer.Build(options, new ManualClock(), logging => logging.ClearProviders());
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_key_revoked_by_the_command_in_another_process_is_refused_by_the_running_server()
    {
        using var admin = Client(AdminKey);
        var account = await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "tenant" }));
        var accountId = account["id"]!.GetValue<long>();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync(
            $"/v1/accounts/{accountId}/credentials", new { dialect = "native", scopes = new[] { "orders:read" } }));
        var credentialId = credential["id"]!.GetValue<long>();
        using var tenant = Client(credential["key"]!.GetValue<string>());
        var cache = await CachedCredentials.ActiveAsync(_server.Services);
        (await tenant.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);
        cache.Holds(credentialId).ShouldBeTrue("served from the cache");

        var (code, output) = await OrdoAsync("credential", "revoke", "--id", credentialId.ToString(), "--db", _database.Path);
        code.ShouldBe(0, output);

        await CachedCredentials.Until(() => !cache.Holds(credentialId));
        (await tenant.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var (issued, text) = await OrdoAsync("credential", "create", "--account", accountId.ToString(), "--dialect", "native", "--db", _database.Path);
        issued.ShouldBe(0, text);
        using var fresh = Client(NativeKey().Match(text).Groups[1].Value);
        (await fresh.GetAsync("/v1/orders")).StatusCode.ShouldBe(HttpStatusCode.OK, "misses are not cached: a new key works at once");
    }

    private HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(_server.Urls.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>Runs <c>ordo</c> (the server's own assembly) as a separate process.</summary>
    private static async Task<(int Code, string Output)> OrdoAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(OrdoServer).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"Key \(shown once, stored hashed\): (\S+)")]
    private static partial Regex NativeKey();
}
