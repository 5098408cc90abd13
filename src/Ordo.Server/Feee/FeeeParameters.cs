using System.Text.Json;

using Ordo.Server.Http;

namespace Ordo.Server.Feee;

/// <summary>
/// The parameters of a Feee call, wherever the client put them: a JSON body, a form body
/// (<c>application/x-www-form-urlencoded</c>) or the query string. Integrations in the wild use all
/// three (a relayer posts <c>cancel?order_no=...</c> with an empty body). A field in the JSON body wins
/// over the same field in the form, which wins over the query string. Fields that came as text (query
/// or form) may carry numbers as text; a JSON body must send numbers as JSON numbers.
/// </summary>
public sealed class FeeeParameters
{
    private readonly HashSet<string> _textual;

    private FeeeParameters(JsonElement merged, HashSet<string> textual, string? error)
    {
        Merged = merged;
        Fields = new FieldReader(Merged);
        _textual = textual;
        Error = error;
    }

    /// <summary>Every field as one JSON object, the body's over the form's over the query string's.</summary>
    public JsonElement Merged { get; }

    public FieldReader Fields { get; }

    /// <summary>Why the body could not be read at all (too large, not UTF-8, malformed JSON); the message names the body.</summary>
    public string? Error { get; }

    public bool Ok => Fields.Ok;

    public string FirstError => Fields.FirstError;

    public static async Task<FeeeParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // A later source's field replaces an earlier one's value where the earlier one stood.
        var merged = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        var textual = new HashSet<string>(StringComparer.Ordinal);
        var query = QueryJson.From(request.Query);
        AddText(merged, textual, query);

        var raw = await JsonBody.ReadBytesAsync(request, cancellationToken);
        if (raw is null)
        {
            return Failed($"body: larger than {BodyLimits.MaxBytes} bytes");
        }

        if (JsonBody.IsBlank(raw))
        {
            // The query string alone: its object is already the merged one.
            return new FeeeParameters(query, textual, null);
        }

        if (FormBody.Is(request))
        {
            var (form, formError) = FormBody.Parse(raw);
            if (formError is not null)
            {
                return Failed(formError);
            }

            AddText(merged, textual, form);
            return new FeeeParameters(JsonFields.Object(merged), textual, null);
        }

        var json = JsonBody.Parse(raw, emptyIsObject: false);
        if (json.Error is { } error)
        {
            return Failed(error);
        }

        foreach (var property in json.Root.EnumerateObject())
        {
            merged[property.Name] = property.Value;
            textual.Remove(property.Name);
        }

        return new FeeeParameters(JsonFields.Object(merged), textual, null);
    }

    public string? String(string field, bool required = false, int maxLength = 255) => Fields.String(field, required, maxLength);

    /// <summary>A whole number; as text too when the field came from the query string or a form.</summary>
    public long? Integer(string field, bool required = false, long min = long.MinValue, long max = long.MaxValue) =>
        Fields.Integer(field, required, min, max, acceptText: _textual.Contains(field));

    public void Fail(string field, string message) => Fields.Fail(field, message);

    public bool Refused(string field) => Fields.Errors.ContainsKey(field);

    private static FeeeParameters Failed(string error) => new(JsonFields.Strings([]), [], error);

    /// <summary>Fields that came as text (the query string or a form, read by <see cref="QueryJson"/>); they override what came before.</summary>
    private static void AddText(OrderedDictionary<string, JsonElement> merged, HashSet<string> textual, JsonElement fields)
    {
        foreach (var field in fields.EnumerateObject())
        {
            merged[field.Name] = field.Value;
            textual.Add(field.Name);
        }
    }
}
