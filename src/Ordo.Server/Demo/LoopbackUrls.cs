using System.Net;

namespace Ordo.Server.Demo;

/// <summary>
/// Demo mode serves published keys, so it listens on this machine only: every listen address must
/// be loopback (<c>localhost</c>, 127.0.0.0/8, <c>::1</c>). Wildcards (<c>*</c>, <c>+</c>,
/// <c>0.0.0.0</c>) and anything unparsable count as not loopback.
/// </summary>
public static class LoopbackUrls
{
    /// <summary>The first listen address that is not loopback; null when all are.</summary>
    public static string? FirstNonLoopback(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsLoopback(uri.Host.Trim('[', ']')))
            {
                return url;
            }
        }

        return null;
    }

    public static string Refusal(string url) =>
        $"--demo serves published keys, so it listens on loopback addresses only; '{url}' is not one. Use e.g. --urls http://127.0.0.1:8080, or run without --demo.";

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
