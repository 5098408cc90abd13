using System.Diagnostics;
using System.Net;

using Microsoft.Data.Sqlite;

using Ordo.Server;

using Xunit.Abstractions;

namespace Ordo.Server.Tests.Hosting;

/// <summary>
/// The server with its database on a full disk: a small tmpfs mounted for the test, filled until
/// SQLite reports it full. Writes get 503 with Retry-After (never a 500, never a hang), nothing
/// acknowledged is lost, and once space is freed the server takes writes again.
/// Mounting needs root on Linux (as here and in CI), where a failing mount fails the test; as
/// another user, or on another system, there is nothing to mount and the test checks nothing.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Writes_on_a_full_disk_get_503_nothing_acknowledged_is_lost_and_freed_space_restores_writes()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            output.WriteLine("not root on Linux: no tmpfs to mount, nothing checked");
            return;
        }

        var mountPoint = Path.Combine(Path.GetTempPath(), "ordo-full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mountPoint);
        Run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mountPoint);
        try
        {
            await using var server = await ServerFixture.StartAsync(
                new ServerOptions
                {
                    SweepInterval = TimeSpan.FromHours(1),
                    BusyTimeout = TimeSpan.FromMilliseconds(300),
                    WriteQueueTimeout = TimeSpan.FromSeconds(1),
                },
                mountPoint);
            var tenant = await server.TenantAsync(deposits: ("TRX", 1_000_000m));
            var filler = Path.Combine(mountPoint, "filler");
            FillDisk(filler);

            // Place orders until the disk refuses one; each is acknowledged (201) or refused (503).
            var acknowledged = new List<string>();
            var refused = 0;
            for (var i = 0; i < 20_000 && refused < 5; i++)
            {
                using var response = await tenant.Http.PostAsync("/v1/orders", ServerFixture.Body(Orders.Rental(clientOrderId: $"full-{i}"))).WaitAsync(Answered);
                var body = await ServerFixture.Json(response);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add(body["id"]!.ToString());
                    continue;
                }

                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body.ToJsonString());
                response.Headers.RetryAfter.ShouldNotBeNull();
                body["code"]!.GetValue<string>().ShouldBe("store_unavailable");
                refused++;
            }

            refused.ShouldBe(5, "the full disk must have refused writes");
            acknowledged.ShouldNotBeEmpty("some writes fit before the disk was full");
            output.WriteLine($"{acknowledged.Count} orders acknowledged before the disk was full");

            // Every acknowledged order is in the file, as another connection reads it, and nothing else is.
            CountOrders(server.DatabasePath, tenant.AccountId).ShouldBe(acknowledged.Count);
            foreach (var id in acknowledged)
            {
                (await tenant.Http.GetJsonAsync($"/v1/orders/{id}")).Status.ShouldBe(HttpStatusCode.OK);
            }

            // Space freed: the server takes writes again without a restart.
            File.Delete(filler);
            await tenant.PlaceAsync(Orders.Rental(clientOrderId: "after")).WaitAsync(Answered);
            CountOrders(server.DatabasePath, tenant.AccountId).ShouldBe(acknowledged.Count + 1);
            var paid = (acknowledged.Count + 1) * 1000 * 0.01m;
            (await server.BalanceAsync(tenant.AccountId)).ShouldBe((1_000_000m - paid, paid), "only acknowledged orders were paid for (into escrow)");
        }
        finally
        {
            Run("umount", "-l", mountPoint);
            Directory.Delete(mountPoint);
        }
    }

    /// <summary>Writes a file until the file system has no space left, then gives back a little, so some writes still fit.</summary>
    private static void FillDisk(string path)
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // No space left on the device: full, as intended. Top up the last bytes one block at a time.
            chunk = new byte[4096];
            try
            {
                while (true)
                {
                    file.Write(chunk);
                }
            }
            catch (IOException)
            {
                // Nothing left.
            }
        }

        file.SetLength(file.Length - (1024 * 1024));
    }

    private static long CountOrders(string databasePath, long accountId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM orders WHERE account_id = $a";
        command.Parameters.AddWithValue("$a", accountId);
        return (long)command.ExecuteScalar()!;
    }

    private static void Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', arguments)}: {error}");
    }
}
