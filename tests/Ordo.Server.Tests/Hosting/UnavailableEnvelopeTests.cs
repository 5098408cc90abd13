using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using Ordo.Server.Feee;
using Ordo.Server.Fungies;
using Ordo.Server.Native;
using Ordo.Server.Tanx;
using Ordo.Server.Tronify;
using Ordo.Server.XendBridge;

namespace Ordo.Server.Tests.Hosting;

/// <summary>"The store is unavailable, retry" in each dialect's own envelope: HTTP 503 and Retry-After.</summary>
public sealed class UnavailableEnvelopeTests
{
    public static TheoryData<string, string, string> Dialects => new()
    {
        // dialect, JSON path of the marker, its value
        { "native", "code", "store_unavailable" },
        { "feee", "code", "10503" },
        { "tronify", "resCode", "503" },
        { "tanx", "status", "error" },
        { "fungies", "status", "error" },
        { "xendbridge", "status", "ServiceUnavailable" },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Each_dialect_answers_503_with_Retry_After_in_its_envelope(string dialect, string field, string value)
    {
        IResult result = dialect switch
        {
            "native" => Problems.StoreUnavailable(7),
            "feee" => FeeeResult.Unavailable(7),
            "tronify" => TronifyResult.Unavailable(7),
            "tanx" => TanxResult.Unavailable(7),
            "fungies" => FungiesResult.Unavailable(7),
            _ => XendResult.Unavailable(7),
        };
        var context = new DefaultHttpContext { TraceIdentifier = "req-7" };
        context.Response.Body = new MemoryStream();

        await result.ExecuteAsync(context);

        context.Response.StatusCode.ShouldBe(503);
        context.Response.Headers.RetryAfter.ToString().ShouldBe("7");
        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(context.Response.Body)!;
        body[field]!.ToString().ShouldBe(value, body.ToJsonString());
        body.ToJsonString().ShouldContain("retry", Case.Insensitive);
    }
}
