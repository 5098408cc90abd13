namespace Ordo.Load;

/// <summary>
/// One request of a requests file: <c>METHOD&lt;tab&gt;PATH[&lt;tab&gt;BODY[&lt;tab&gt;Name: value]...]</c>,
/// the format bench/lines.lua reads too, so wrk and this generator send the same requests. A JSON
/// body never holds a raw tab (JSON escapes it), so tabs only separate fields; an empty body field
/// means no body, and the fields after it are this request's own headers.
/// </summary>
public sealed record RequestLine(string Method, string Path, string? Body, IReadOnlyList<(string Name, string Value)> Headers)
{
    public static RequestLine Parse(string line)
    {
        var parts = line.Split('\t');
        if (parts.Length < 2 || parts[0].Length == 0 || !parts[1].StartsWith('/'))
        {
            throw new FormatException($"not METHOD<tab>/path[<tab>body[<tab>Name: value]...]: {line}");
        }

        var headers = new List<(string, string)>();
        foreach (var header in parts.Skip(3))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon < 1)
            {
                throw new FormatException($"not a header (Name: value): {header}");
            }

            headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
        }

        return new RequestLine(parts[0], parts[1], parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null, headers);
    }
}
