using System.Globalization;

using Npgsql;

namespace Ordo.Store.Postgres;

/// <summary>
/// What <c>--db</c> may name: an Npgsql connection string, or a URL in libpq's form
/// (<c>postgres://user:pass@host:port/db?sslmode=require</c>, also <c>postgresql://</c>), turned
/// into the connection string it means.
/// </summary>
public static class PostgresConnection
{
    // libpq's URL parameters that Npgsql has a keyword for; any other is refused by name.
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["client_encoding"] = "Client Encoding",
        ["keepalives_idle"] = "Keepalive",
        ["search_path"] = "Search Path",
    };

    private static readonly Dictionary<string, string> SslModes = new(StringComparer.Ordinal)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    /// <summary>True when the text is a PostgreSQL URL.</summary>
    public static bool IsUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string for a URL, or the connection string itself (checked).</summary>
    /// <exception cref="ArgumentException">The text is neither, naming what is wrong (never echoing a password).</exception>
    public static string FromUrlOrConnectionString(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!IsUrl(text))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(text).ConnectionString;
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"not a PostgreSQL connection string: {error.Message}", nameof(text));
            }
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            throw new ArgumentException("not a PostgreSQL URL: expected postgres://user:password@host:port/database", nameof(text));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = url.IdnHost.Trim('[', ']') };
        if (!url.IsDefaultPort && url.Port > 0)
        {
            builder.Port = url.Port;
        }

        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (!Parameters.TryGetValue(name, out var keyword))
            {
                throw new ArgumentException($"the PostgreSQL URL's parameter '{name}' is not supported (known: {string.Join(", ", Parameters.Keys)})", nameof(text));
            }

            if (name == "sslmode")
            {
                value = SslModes.TryGetValue(value, out var mode)
                    ? mode
                    : throw new ArgumentException($"the PostgreSQL URL's sslmode '{value}' is not one of {string.Join(", ", SslModes.Keys)}", nameof(text));
            }

            try
            {
                builder[keyword] = value;
            }
            catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"the PostgreSQL URL's parameter '{name}' has a bad value: {error.Message}", nameof(text));
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string with the store's per-session bounds added to PostgreSQL's startup options.</summary>
    internal static NpgsqlConnectionStringBuilder WithSettings(string connectionString, params (string Name, string Value)[] settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = string.Join(' ', settings.Select(s => $"-c {s.Name}={s.Value}"));
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? options : builder.Options + " " + options;
        return builder;
    }

    internal static string Millis(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
