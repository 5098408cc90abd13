using System.Net;

using Microsoft.AspNetCore.HttpOverrides;

namespace Ordo.Server.Http;

/// <summary>
/// Behind a load balancer every connection comes from the balancer: ASP.NET Core's forwarded-headers
/// middleware takes the client's address from <c>X-Forwarded-For</c>, but only on requests from the
/// configured proxies (the framework's loopback defaults are dropped), and only the last hop.
/// </summary>
public static class TrustedProxies
{
    public const string Setting = "Ordo__TrustedProxies";

    /// <summary>The middleware's options for the setting; null when no proxy is trusted.</summary>
    /// <exception cref="InvalidOperationException">An entry is neither an address nor a CIDR network, named in the message.</exception>
    public static ForwardedHeadersOptions? Options(string? setting)
    {
        var entries = (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{Setting}: '{entry}' is neither an IP address nor a CIDR network (e.g. 10.0.0.5 or 10.0.0.0/24)");
            }
        }

        return options;
    }
}
