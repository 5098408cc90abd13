using System.Text;

namespace Ordo.Server.Tests.Tenants;

/// <summary>
/// An HTTP answer as one comparable text: status, every header but <c>Date</c>, and the body bytes.
/// Both sides of a comparison send the same <c>X-Request-Id</c>, so the request id (header and any
/// body copy) is equal by construction; <c>Date</c> is the only timestamp left to set aside.
/// </summary>
public static class Answer
{
    public const string RequestId = "tenants-probe";

    public static async Task<string> OfAsync(HttpClient http, HttpRequestMessage request)
    {
        request.Headers.Add("X-Request-Id", RequestId);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var text = new StringBuilder().Append((int)response.StatusCode).Append('\n');
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers)
                     .Where(h => !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase))
                     .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(name.ToLowerInvariant()).Append(": ").Append(string.Join(", ", values)).Append('\n');
        }

        // Bytes, shown as text when they are UTF-8 (they always are here) so a difference reads well.
        return text.Append('\n').Append(Encoding.UTF8.GetString(body)).Append("\n#").Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))).ToString();
    }
}
