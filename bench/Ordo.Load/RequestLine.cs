namespace Ordo.Load;

/// <summary>
/// One request of a requests file: <c>METHOD&lt;tab&gt;PATH[&lt;tab&gt;BODY]</c>, the format
/// bench/lines.lua reads too, so wrk and this generator send the same requests.
/// </summary>
public sealed record RequestLine(string Method, string Path, string? Body)
{
    public static RequestLine Parse(string line)
    {
        var parts = line.Split('\t', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || !parts[1].StartsWith('/'))
        {
            throw new FormatException($"not METHOD<tab>/path[<tab>body]: {line}");
        }

        return new RequestLine(parts[0], parts[1], parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null);
    }
}
