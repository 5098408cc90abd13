using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

using Ordo.Server.Tronify;

namespace Ordo.Server.Tests;

/// <summary>A Feee API user: an account and its <c>key</c> header.</summary>
public sealed record FeeeUser(long AccountId, string Key, HttpClient Http)
{
    public Task<JsonNode> PostAsync(string path, string body) => Envelope(Http.PostAsync(path, ServerFixture.Body(body)));

    public Task<JsonNode> GetAsync(string path) => Envelope(Http.GetAsync(path));

    /// <summary>Feee answers HTTP 200 for every outcome; the code is in the body.</summary>
    private static async Task<JsonNode> Envelope(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var json = await ServerFixture.Json(response);
        ((int)response.StatusCode).ShouldBe(200, json.ToJsonString());
        response.Headers.GetValues("X-Request-Id").Single().ShouldBe(json["request_id"]!.GetValue<string>());
        return json;
    }
}

/// <summary>A Tronify channel: an account, its source flag and the secret it signs with.</summary>
public sealed record TronifyUser(long AccountId, string SourceFlag, string Secret, HttpClient Http)
{
    /// <summary>Posts the fields with this channel's <c>sourceFlag</c>, signed with its secret when <paramref name="sign"/>.</summary>
    public async Task<JsonNode> CallAsync(string method, JsonObject fields, bool sign = true)
    {
        fields["sourceFlag"] ??= SourceFlag;
        if (sign)
        {
            fields["flag"] = TronifyFlag.Compute(System.Text.Json.JsonSerializer.SerializeToElement(fields), Secret);
        }

        return await RawAsync(method, fields.ToJsonString());
    }

    public async Task<JsonNode> RawAsync(string method, string body)
    {
        using var response = await Http.PostAsync($"/api/tronRent/{method}", ServerFixture.Body(body));
        var json = await ServerFixture.Json(response);
        ((int)response.StatusCode).ShouldBe(200, json.ToJsonString());
        return json;
    }

    public Task<JsonNode> RentAsync(long pledgeNum = 32_000, string orderPrice = "60", int day = 1, int hour = 0, int minute = 0) =>
        CallAsync("addTronRentRecord", new JsonObject
        {
            ["fromAddress"] = Orders.Address,
            ["pledgeAddress"] = Orders.Address,
            ["pledgeNum"] = pledgeNum,
            ["pledgeDay"] = day,
            ["pledgeHour"] = hour,
            ["pledgeMinute"] = minute,
            ["orderType"] = "ENERGY",
            ["orderPrice"] = orderPrice,
        });

    public Task<JsonNode> CancelAsync(string orderId) => CallAsync("cancelOrder", new JsonObject { ["orderId"] = orderId });

    public Task<JsonNode> SellAsync(string orderId, long quantity) => CallAsync("addTronSale", new JsonObject
    {
        ["relateOrderId"] = orderId,
        ["saleAddress"] = Orders.Address,
        ["buyPledgeNum"] = quantity,
        ["payTrxAddress"] = Orders.Address,
    });
}

public static class DialectUsers
{
    private static int _flags;

    public static async Task<long> AccountAsync(this ServerFixture server, decimal trx)
    {
        using var admin = server.Admin();
        var account = await ServerFixture.Json(await admin.PostAsJsonAsync("/v1/accounts", new { name = "dialect user" }));
        var id = account["id"]!.GetValue<long>();
        if (trx > 0)
        {
            var deposit = new { asset = "TRX", amount = trx.ToString(CultureInfo.InvariantCulture), external_id = $"seed-{id}" };
            (await admin.PostAsJsonAsync($"/v1/accounts/{id}/deposits", deposit)).EnsureSuccessStatusCode();
        }

        return id;
    }

    public static async Task<FeeeUser> FeeeUserAsync(this ServerFixture server, decimal trx = 100m)
    {
        var id = await server.AccountAsync(trx);
        using var admin = server.Admin();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "feee" }));
        var key = credential["key"]!.GetValue<string>();
        var http = server.Client();
        http.DefaultRequestHeaders.Add("key", key);
        return new FeeeUser(id, key, http);
    }

    public static async Task<TronifyUser> TronifyUserAsync(this ServerFixture server, decimal trx = 100m)
    {
        var id = await server.AccountAsync(trx);
        var flag = $"channel{Interlocked.Increment(ref _flags)}";
        using var admin = server.Admin();
        var credential = await ServerFixture.Json(await admin.PostAsJsonAsync($"/v1/accounts/{id}/credentials", new { dialect = "tronify", source_flag = flag }));
        return new TronifyUser(id, flag, credential["secret"]!.GetValue<string>(), server.Client());
    }

    /// <summary>The party that delegates energy for Feee: a native key with <c>fills:write</c>.</summary>
    public static Task<Tenant> DelegatorAsync(this ServerFixture server) => server.TenantAsync("fills:write");

    public static async Task<JsonNode> DeliverAsync(this Tenant delegator, string orderNo, long quantity, string txId)
    {
        var (status, body) = await delegator.Http.PostAsync($"/v1/orders/{orderNo}/fills", $$"""{"quantity":"{{quantity}}","external_id":"{{txId}}"}""");
        ((int)status).ShouldBe(200, body.ToJsonString());
        return body;
    }
}
