using Microsoft.Extensions.Configuration;

namespace Ordo.Server.Cli;

/// <summary>
/// Server settings from the environment (<c>Ordo__RateLimitPerSecond=500</c>,
/// <c>Ordo__Native__RentalCancelNotBefore=00:05:00</c>, ...) and an optional <c>ordo.json</c> beside
/// the database; <c>ORDO_ADMIN_KEY</c> sets the bootstrap admin key.
/// </summary>
public static class Configuration
{
    public static ServerOptions Load()
    {
        var config = new ConfigurationBuilder()
            .AddJsonFile("ordo.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = config.GetSection("Ordo").Get<ServerOptions>() ?? new ServerOptions();
        return options with { AdminKey = Environment.GetEnvironmentVariable("ORDO_ADMIN_KEY") };
    }
}
