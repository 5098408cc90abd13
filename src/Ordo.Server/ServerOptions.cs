namespace Ordo.Server;

/// <summary>
/// Settings read at start-up, from the command line (<c>--urls</c>, <c>--db</c>, <c>--demo</c>) and from
/// configuration (<c>Ordo:*</c>, or the environment as <c>Ordo__*</c>). See README's configuration table.
/// </summary>
public sealed record ServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    /// <summary>
    /// The store (<c>--db</c>): a SQLite file path, or a PostgreSQL database as a URL
    /// (<c>postgres://user:password@host:port/database</c>) or an Npgsql connection string (<c>Host=...</c>).
    /// </summary>
    public string Database { get; init; } = "./ordo.db";
    public bool Demo { get; init; }

    /// <summary>Bootstrap admin key (<c>ORDO_ADMIN_KEY</c>); null when not set.</summary>
    public string? AdminKey { get; init; }

    /// <summary>Requests a credential may make per second on average (0: unlimited).</summary>
    public int RateLimitPerSecond { get; init; } = 1000;

    /// <summary>How many requests a credential may send at once above the average.</summary>
    public int RateLimitBurst { get; init; } = 2000;

    /// <summary>Longest a write waits in the store's queue before it is answered 503 without running.</summary>
    public TimeSpan WriteQueueTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest the store waits for a lock held elsewhere (SQLite: another process; PostgreSQL: another node's row lock); shorter than <see cref="WriteQueueTimeout"/>.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Failed authentications and calls to endpoints without a credential (tanX nonce, login, refresh)
    /// a client address may make per <see cref="ClientAddressWindow"/> on average (0: unlimited);
    /// an address over it is refused before any credential lookup.
    /// </summary>
    public int ClientAddressLimit { get; init; } = 10;

    public TimeSpan ClientAddressWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Load balancers whose <c>X-Forwarded-For</c> names the client (<c>Ordo__TrustedProxies</c>: addresses
    /// or CIDR networks, comma-separated). Only a request from one of them is taken to come from the
    /// address it forwards, for the per-address throttles and the logs; none is trusted by default,
    /// so a client cannot pick its own address by sending the header.
    /// </summary>
    public string? TrustedProxies { get; init; }

    /// <summary>How many of those an address may make at once above the average.</summary>
    public int ClientAddressBurst { get; init; } = 200;

    /// <summary>How often the expiry sweeper looks for due orders.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    public NativeOrderDefaults Native { get; init; } = new();

    /// <summary>Key that seals secrets kept for signature checks (<c>ORDO_SECRETS_KEY</c>, 32 bytes base64); null: a key file beside the database.</summary>
    public string? SecretsKey { get; init; }

    /// <summary>The Feee dialect's settings (configuration section <c>Feee</c>).</summary>
    public Feee.FeeeOptions Feee { get; init; } = new();

    /// <summary>The tanX dialect's settings (configuration section <c>Tanx</c>).</summary>
    public Tanx.TanxOptions Tanx { get; init; } = new();

    /// <summary>The XendBridge dialect's settings (configuration section <c>XendBridge</c>).</summary>
    public XendBridge.XendOptions XendBridge { get; init; } = new();

    /// <summary>The Tronify dialect's settings (configuration section <c>Tronify</c>).</summary>
    public Tronify.TronifyOptions Tronify { get; init; } = new();
}

/// <summary>The native dialect's policy parameters for each kind (other dialects set their platform's).</summary>
public sealed record NativeOrderDefaults
{
    public TimeSpan RentalValidity { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan RentalCancelNotBefore { get; init; } = TimeSpan.Zero;
    public decimal RentalCancelFeeRate { get; init; }
    public TimeSpan P2pValidity { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The provider account assigned to native p2p orders (<c>Ordo__Native__P2pProvider</c>); unset: operators move their stages.</summary>
    public long? P2pProvider { get; init; }
    public TimeSpan PurchaseValidity { get; init; } = TimeSpan.FromHours(24);
}
