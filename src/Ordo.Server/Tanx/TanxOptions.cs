namespace Ordo.Server.Tanx;

/// <summary>The tanX dialect's settings, from the <c>Tanx</c> configuration section (<c>Tanx__AccessTokenLifetime=00:15:00</c>, ...).</summary>
public sealed record TanxOptions
{
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Login nonces outstanding per address; a new one drops the oldest.</summary>
    public int MaxNoncesPerAddress { get; init; } = 5;

    /// <summary>Order nonces (<c>/orders/nonce/</c>) outstanding per credential; a new one drops the oldest.</summary>
    public int MaxOrderNoncesPerCredential { get; init; } = 50;

    /// <summary>Login nonces, and order nonces, outstanding in all (each kind apart); beyond it none is issued until some expire.</summary>
    public int MaxNonces { get; init; } = 100_000;
}
