using Microsoft.Extensions.Configuration;

namespace Ordo.Server.Cli;

/// <summary>
/// Server settings from the environment (<c>Ordo__RateLimitPerSecond=500</c>,
/// <c>Ordo__Native__RentalCancelNotBefore=00:05:00</c>, ...) and an optional <c>ordo.json</c> beside
/// the database; <c>ORDO_ADMIN_KEY</c> sets the bootstrap admin key and <c>ORDO_SECRETS_KEY</c> the key
/// that seals stored secrets. Each platform dialect has its own top-level section (<c>Feee__CancelNotBefore</c>,
/// <c>Tronify__RefundRate</c>), as its spec names them.
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
        return options with
        {
            AdminKey = Environment.GetEnvironmentVariable("ORDO_ADMIN_KEY"),
            SecretsKey = Environment.GetEnvironmentVariable("ORDO_SECRETS_KEY") ?? options.SecretsKey,
            Feee = config.GetSection("Feee").Get<Feee.FeeeOptions>() ?? new(),
            Tronify = config.GetSection("Tronify").Get<Tronify.TronifyOptions>() ?? new(),
            Tanx = config.GetSection("Tanx").Get<Tanx.TanxOptions>() ?? new(),
            XendBridge = config.GetSection("XendBridge").Get<XendBridge.XendOptions>() ?? new(),
        };
    }
}
