using Ordo.Server.Hosting;
using Ordo.Testing;

namespace Ordo.Server.Tests.Hosting;

/// <summary>The stores <c>--db</c> opens on PostgreSQL take their bounds from the server's settings and open for an operator command too.</summary>
public sealed class StoresTests : IDisposable
{
    private readonly ScratchPostgres _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task An_operator_commands_store_on_PostgreSQL_opens_with_its_longer_waits()
    {
        // Its lock wait (30 s) is longer than the store's default statement bound: it must not be refused.
        using var command = Stores.OpenForCommand(_database.ConnectionString);
        (await command.Store.IsReadyAsync()).ShouldBeTrue();
    }
}
