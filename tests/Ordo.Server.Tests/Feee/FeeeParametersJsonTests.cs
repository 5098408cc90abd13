using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

using Ordo.Server.Feee;

namespace Ordo.Server.Tests.Feee;

/// <summary>
/// Feee's parameters are now merged with a JSON writer instead of a node tree serialized by reflection;
/// these pin the merged object to the bytes the node route made, field order included (a later source
/// replaces a value where the earlier one stood).
/// </summary>
public sealed class FeeeParametersJsonTests
{
    private const string Query = "?order_no=2304170329503866885309&resource_value=32000&note=a%2Bb%3Cc%C3%A9&empty=";

    [Fact]
    public async Task Query_string_alone()
    {
        var parameters = await ReadAsync(Query, null, null);

        parameters.Merged.GetRawText().ShouldBe(NodeRoute(Query, null, null));
    }

    [Fact]
    public async Task A_json_body_over_the_query_string()
    {
        const string body = """{"resource_value": 64000, "rent_time_unit": "m", "nested": {"x": [1, "\u00e9", 2.50]}, "order_no": "9"}""";

        var parameters = await ReadAsync(Query, "application/json", body);

        parameters.Merged.GetRawText().ShouldBe(NodeRoute(Query, null, body));
        parameters.Merged.GetRawText().ShouldStartWith("""{"order_no":"9","resource_value":64000,""");
    }

    [Fact]
    public async Task A_form_over_the_query_string()
    {
        const string form = "resource_value=64000&receive_address=TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t&quote=%22%3E";

        var parameters = await ReadAsync(Query, "application/x-www-form-urlencoded", form);

        parameters.Merged.GetRawText().ShouldBe(NodeRoute(Query, form, null));
    }

    private static async Task<FeeeParameters> ReadAsync(string query, string? contentType, string? body)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.QueryString = new QueryString(query);
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        http.Request.ContentType = contentType;
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        var parameters = await FeeeParameters.ReadAsync(http.Request, CancellationToken.None);
        parameters.Error.ShouldBeNull();
        return parameters;
    }

    /// <summary>How the fields were merged before: a <see cref="JsonObject"/> serialized to an element.</summary>
    private static string NodeRoute(string query, string? form, string? json)
    {
        var merged = new JsonObject();
        foreach (var (name, values) in QueryHelpers.ParseQuery(query))
        {
            if (values.FirstOrDefault() is { Length: > 0 } value)
            {
                merged[name] = value;
            }
        }

        if (form is not null)
        {
            foreach (var (name, values) in new FormReader(form).ReadForm())
            {
                if (values.FirstOrDefault() is { Length: > 0 } value)
                {
                    merged[name] = value;
                }
            }
        }

        if (json is not null)
        {
            foreach (var property in JsonDocument.Parse(json).RootElement.EnumerateObject())
            {
                merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return JsonSerializer.SerializeToElement(merged).GetRawText();
    }
}
