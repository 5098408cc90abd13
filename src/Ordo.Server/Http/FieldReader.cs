using System.Globalization;
using System.Text.Json;

using Ordo.Core;

namespace Ordo.Server.Http;

/// <summary>
/// Picks typed fields out of a JSON object and collects one message per bad field, so a request
/// is answered with every problem at once, each naming its field. Field names are matched exactly.
/// </summary>
public sealed class FieldReader(JsonElement root)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Ok => Errors.Count == 0;

    /// <summary>The first bad field and its message, for a one-line detail.</summary>
    public string FirstError => Errors.Select(e => $"{e.Key}: {e.Value[0]}").FirstOrDefault() ?? "";

    public void Fail(string field, string message) => Errors.TryAdd(field, [message]);

    public string? String(string field, bool required = false, int maxLength = 255)
    {
        if (!Get(field, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, "must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Fail(field, "must not be empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(field, $"must be at most {maxLength} characters");
            return null;
        }

        return text;
    }

    /// <summary>An exact decimal, given as a string ("1.5") or a JSON number; positive and bounded.</summary>
    public decimal? Decimal(string field, bool required = false, bool allowZero = false)
    {
        if (!Get(field, required, out var value))
        {
            return null;
        }

        decimal number;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (text.Length > 64 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            {
                Fail(field, "must be a decimal number such as \"12.5\"");
                return null;
            }
        }
        else if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetDecimal(out number))
            {
                Fail(field, "is out of range");
                return null;
            }
        }
        else
        {
            Fail(field, "must be a decimal string");
            return null;
        }

        if (number < 0 || (number == 0 && !allowZero))
        {
            Fail(field, allowZero ? "must not be negative" : "must be greater than zero");
            return null;
        }

        if (number > Decimals.MaxAmount)
        {
            Fail(field, $"must be at most {Decimals.MaxAmount}");
            return null;
        }

        if (Decimals.Scale(number) > Decimals.MaxScale)
        {
            Fail(field, $"must have at most {Decimals.MaxScale} decimal places");
            return null;
        }

        return number;
    }

    /// <summary>A whole number; with <paramref name="acceptText"/> also one sent as a string ("32000"), as JavaScript clients often do.</summary>
    public long? Integer(string field, bool required = false, long min = long.MinValue, long max = long.MaxValue, bool acceptText = false)
    {
        if (!Get(field, required, out var value))
        {
            return null;
        }

        long number;
        var ok = value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt64(out number)
            : long.TryParse(acceptText && value.ValueKind == JsonValueKind.String ? value.GetString() : null, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
        if (!ok)
        {
            Fail(field, "must be a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(field, $"must be between {min} and {max}");
            return null;
        }

        return number;
    }

    /// <summary>One of the given names (exact match); the message lists them.</summary>
    public T? Choice<T>(string field, IReadOnlyDictionary<string, T> choices, bool required = false)
        where T : struct
    {
        var text = String(field, required);
        if (text is null)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var choice))
        {
            return choice;
        }

        Fail(field, $"must be one of: {string.Join(", ", choices.Keys)}");
        return null;
    }

    public List<long>? IntegerList(string field, int maxCount)
    {
        if (!Get(field, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxCount)
        {
            Fail(field, $"must be a list of at most {maxCount} order ids");
            return null;
        }

        var list = new List<long>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var id))
            {
                Fail(field, "must contain whole-number order ids");
                return null;
            }

            list.Add(id);
        }

        return list;
    }

    public List<string>? StringList(string field, bool required = false)
    {
        if (!Get(field, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            Fail(field, "must be a list of strings");
            return null;
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>A nested object, read with its own reader whose errors are prefixed with this field.</summary>
    public FieldReader? Object(string field)
    {
        if (!Get(field, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(field, "must be an object");
            return null;
        }

        return new FieldReader(value);
    }

    public void Merge(string prefix, FieldReader nested)
    {
        foreach (var (key, messages) in nested.Errors)
        {
            Errors.TryAdd($"{prefix}.{key}", messages);
        }
    }

    private bool Get(string field, bool required, out JsonElement value)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        if (required)
        {
            Fail(field, "is required");
        }

        return false;
    }
}
