using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

using Ordo.Server.Hosting;
using Ordo.Testing;

namespace Ordo.Server.Tests.Http;

/// <summary>Every answer carries <c>X-Request-Id</c>, a server fault's too (the exception handler clears the headers it had).</summary>
public sealed class RequestIdsTests
{
    [Theory]
    [InlineData("/v1/test/fault")]
    [InlineData("/open/v2/test/fault")]
    [InlineData("/api/tronRent/test/fault")]
    [InlineData("/sapi/v1/test/fault")]
    [InlineData("/v0/orders/test/fault")]
    [InlineData("/api/PeerToPeerOrder/test/fault")]
    public async Task A_server_fault_is_a_500_in_the_dialects_envelope_with_the_request_id(string path)
    {
        using var database = new ScratchDatabase();
        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Database = database.Path, SweepInterval = TimeSpan.FromHours(1) };
        await using var app = OrdoServer.Build(options, new ManualClock(), logging => logging.ClearProviders());
        app.MapGet(path, IResult () => throw new InvalidOperationException("a bug"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Request-Id", "fault-1");
        using var response = await http.SendAsync(request);
        var body = await ServerFixture.Json(response);
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError, body.ToJsonString());
        response.Headers.GetValues("X-Request-Id").ShouldBe(["fault-1"]);
        if (body["request_id"] is { } inBody)
        {
            inBody.GetValue<string>().ShouldBe("fault-1");
        }

        using var anonymous = await http.GetAsync(path);
        anonymous.Headers.GetValues("X-Request-Id").Single().ShouldNotBeNullOrWhiteSpace();
        await app.StopAsync();
    }
}
