using System.Text.Json;

using Microsoft.Extensions.Primitives;

namespace Ordo.Server.Http;

/// <summary>
/// A query string as a JSON object of strings, so GET parameters are checked by the same
/// <see cref="FieldReader"/> rules as bodies (read numbers with <c>acceptText</c>). The first value
/// of a repeated name wins; an empty value (<c>rent_time_second=</c>) counts as not given.
/// </summary>
public static class QueryJson
{
    /// <param name="pairs">A query string, or a form's fields (<see cref="FormBody"/>).</param>
    public static JsonElement From(IEnumerable<KeyValuePair<string, StringValues>> pairs) => JsonFields.Strings(Given(pairs));

    private static IEnumerable<KeyValuePair<string, string>> Given(IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        foreach (var (name, values) in pairs)
        {
            if (values.Count > 0 && values[0] is { Length: > 0 } value)
            {
                yield return new(name, value);
            }
        }
    }
}
