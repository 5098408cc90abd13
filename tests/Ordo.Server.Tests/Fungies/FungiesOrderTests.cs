using System.Net;

namespace Ordo.Server.Tests.Fungies;

/// <summary>Fungies store orders over HTTP: cancel by id or number from every status, keys and access, updates, lists, currencies.</summary>
public sealed class FungiesOrderTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private FungiesStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _store = await FungiesStore.CreateAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Cancel_by_id_by_number_and_by_hash_number_and_again()
    {
        var byNumber = await _store.PlaceAsync();
        var byHash = await _store.PlaceAsync();
        var byId = await _store.PlaceAsync();
        var (_, read) = await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/{byId}", null);
        var id = read["data"]!["order"]!["id"]!.GetValue<string>();

        foreach (var reference in new[] { byNumber, "#" + byHash, id })
        {
            var (status, answer) = await _store.CancelAsync(reference);
            status.ShouldBe(HttpStatusCode.OK, reference);
            answer["status"]!.GetValue<string>().ShouldBe("success");
            answer["data"]!["order"]!["status"]!.GetValue<string>().ShouldBe("CANCELLED");
            var (again, same) = await _store.CancelAsync(reference);
            again.ShouldBe(HttpStatusCode.OK);
            same.ToJsonString().ShouldBe(answer.ToJsonString(), "cancelling again answers the same order");
        }
    }

    [Theory]
    [InlineData(null, "CANCELLED")]
    [InlineData("UNPAID", "CANCELLED")]
    [InlineData("FAILED", "CANCELLED")]
    [InlineData("PAID", "PAID")]
    [InlineData("REFUNDED", "REFUNDED")]
    [InlineData("PARTIALLY_REFUNDED", "PARTIALLY_REFUNDED")]
    [InlineData("EXPIRED", "EXPIRED")]
    public async Task Cancel_from_every_status(string? reach, string after)
    {
        var number = await _store.PlaceAsync();
        if (reach is "REFUNDED" or "PARTIALLY_REFUNDED")
        {
            (await _store.UpdateAsync(number, """{"status":"PAID"}""")).Status.ShouldBe(HttpStatusCode.OK);
        }

        if (reach == "EXPIRED")
        {
            _server.Clock.Advance(TimeSpan.FromHours(24));
            await _server.Sweeper.SweepOnceAsync();
        }
        else if (reach is not null)
        {
            var (updated, body) = await _store.UpdateAsync(number, $$"""{"status":"{{reach}}"}""");
            updated.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        }

        var (status, answer) = await _store.CancelAsync(number);
        if (after == "CANCELLED")
        {
            status.ShouldBe(HttpStatusCode.OK);
            answer["data"]!["order"]!["status"]!.GetValue<string>().ShouldBe("CANCELLED");
        }
        else
        {
            status.ShouldBe(HttpStatusCode.BadRequest);
            answer.ToJsonString().ShouldBe($$$"""{"status":"error","error":{"message":"Order {{{number}}} is {{{after}}} and cannot be cancelled"}}""");
            var (_, read) = await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/{number}", null);
            read["data"]!["order"]!["status"]!.GetValue<string>().ShouldBe(after, "a refused cancel changes nothing");
        }
    }

    [Fact]
    public async Task Keys_decide_who_may_read_and_write()
    {
        var number = await _store.PlaceAsync();
        var (forbidden, refusal) = await _store.CancelAsync(number, _store.Read);
        forbidden.ShouldBe(HttpStatusCode.Forbidden);
        refusal["status"]!.GetValue<string>().ShouldBe("error");
        (await _store.CancelAsync(number, _store.PublicOnly)).Status.ShouldBe(HttpStatusCode.Unauthorized, "a write needs the secret key");
        using var none = _server.Client();
        (await _store.CancelAsync(number, none)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        using var wrong = _server.Client();
        wrong.DefaultRequestHeaders.Add("x-fngs-public-key", "pub_nobody");
        (await FungiesStore.Send(wrong, HttpMethod.Get, $"/v0/orders/{number}", null)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/{number}", null)).Body["data"]!["order"]!["status"]!.GetValue<string>()
            .ShouldBe("PENDING", "the refused writes changed nothing, and a read-only pair may read");
    }

    [Fact]
    public async Task Another_stores_order_is_answered_like_an_unknown_one()
    {
        var other = await FungiesStore.CreateAsync(_server);
        var theirs = await other.PlaceAsync();
        var (foreign, answer) = await _store.CancelAsync(theirs);
        var (missing, unknown) = await _store.CancelAsync("ZZZZZZZZZZZZ");
        foreign.ShouldBe(HttpStatusCode.NotFound);
        missing.ShouldBe(HttpStatusCode.NotFound);
        answer.ToJsonString().ShouldBe(unknown.ToJsonString());
        answer.ToJsonString().ShouldBe("""{"status":"error","error":{"message":"Order not found"}}""");
        (await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/{theirs}", null)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await FungiesStore.Send(other.Read, HttpMethod.Get, $"/v0/orders/{theirs}", null)).Body["data"]!["order"]!["status"]!.GetValue<string>().ShouldBe("PENDING");
    }

    [Fact]
    public async Task Updates_change_amounts_in_minor_units_and_never_reopen_a_closed_order()
    {
        var number = await _store.PlaceAsync("19.99", "USD");
        var (_, updated) = await _store.UpdateAsync(number, """{"value":2500,"fee":120,"tax":475,"status":"PAID"}""");
        var order = updated["data"]!["order"]!;
        order["value"]!.GetValue<long>().ShouldBe(2500);
        order["fee"]!.GetValue<long>().ShouldBe(120);
        order["tax"]!.GetValue<long>().ShouldBe(475);
        order["status"]!.GetValue<string>().ShouldBe("PAID");
        (await _store.Native.Http.GetJsonAsync($"/v1/orders/{number}")).Body["attributes"]!["amount"]!.GetValue<string>().ShouldBe("25");

        var (refunded, _) = await _store.UpdateAsync(number, """{"status":"REFUNDED"}""");
        refunded.ShouldBe(HttpStatusCode.OK);
        var (closed, refusal) = await _store.UpdateAsync(number, """{"status":"PAID"}""");
        closed.ShouldBe(HttpStatusCode.BadRequest);
        refusal["error"]!["message"]!.GetValue<string>().ShouldBe($"Order {number} is REFUNDED and cannot be updated");

        var pending = await _store.PlaceAsync();
        (await _store.UpdateAsync(pending, """{"status":"REFUNDED"}""")).Status.ShouldBe(HttpStatusCode.BadRequest, "a pending order was never paid");
        (await _store.UpdateAsync(pending, """{"status":"CANCELLED"}""")).Body["data"]!["order"]!["status"]!.GetValue<string>().ShouldBe("CANCELLED");
        (await _store.UpdateAsync(pending, """{"value":1}""")).Status.ShouldBe(HttpStatusCode.BadRequest, "a cancelled order is not updated");
    }

    [Theory]
    [InlineData("1500", "JPY", 1500, 0)]
    [InlineData("1.234", "KWD", 1234, 3)]
    [InlineData("19.99", "EUR", 1999, 2)]
    [InlineData("7", "CLP", 7, 0)]
    [InlineData("2.5", "TND", 2500, 3)]
    public async Task Amounts_use_the_currencys_minor_units(string amount, string currency, long value, int decimals)
    {
        var number = await _store.PlaceAsync(amount, currency);
        var order = (await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/{number}", null)).Body["data"]!["order"]!;
        order["value"]!.GetValue<long>().ShouldBe(value);
        order["currencyDecimals"]!.GetValue<int>().ShouldBe(decimals);
        order["currency"]!.GetValue<string>().ShouldBe(currency);
    }

    [Fact]
    public async Task Lists_filter_sort_page_and_count()
    {
        var first = await _store.PlaceAsync(customerId: "u-1", customerName: "Grace Hopper");
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _store.PlaceAsync(customerId: "u-2", customerName: "Alan Turing");
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await _store.PlaceAsync(customerId: "u-1", customerName: "Grace Hopper");
        await _store.UpdateAsync(second, """{"status":"PAID"}""");

        async Task<string[]> Numbers(string query)
        {
            var (status, body) = await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/list?{query}", null);
            status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            return body["data"]!["orders"]!.AsArray().Select(o => o!["number"]!.GetValue<string>()).ToArray();
        }

        (await Numbers("")).ShouldBe([third, second, first]);
        (await Numbers("orderDirection=ASC")).ShouldBe([first, second, third]);
        (await Numbers("orderDirection=ASC&skip=1&take=1")).ShouldBe([second]);
        (await Numbers("statuses[]=PAID")).ShouldBe([second]);
        (await Numbers("statuses[]=PAID&statuses[]=PENDING")).Length.ShouldBe(3);
        (await Numbers("statuses=PAID")).ShouldBe([second]);
        (await Numbers("statuses=PAID,CANCELLED")).ShouldBe([second]);
        (await Numbers("statuses=PENDING,%20PAID")).ShouldBe([third, second, first]);
        (await Numbers("statuses=")).Length.ShouldBe(3);
        (await Numbers("userId=u-1")).ShouldBe([third, first]);
        (await Numbers("term=hopper")).ShouldBe([third, first]);
        (await Numbers($"term={second[..6]}")).ShouldBe([second]);
        (await Numbers($"number=%23{first}")).ShouldBe([first]);
        var (_, counted) = await FungiesStore.Send(_store.Read, HttpMethod.Get, "/v0/orders/list?returnCount=true&take=1", null);
        counted["data"]!["count"]!.GetValue<int>().ShouldBe(3);
        counted["data"]!["orders"]!.AsArray().Count.ShouldBe(1);
        var (_, uncounted) = await FungiesStore.Send(_store.Read, HttpMethod.Get, "/v0/orders/list", null);
        uncounted["data"]!.AsObject().ContainsKey("count").ShouldBeFalse();
        uncounted["data"]!["hasMore"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Has_more_says_whether_another_page_follows()
    {
        for (var i = 0; i < 3; i++)
        {
            await _store.PlaceAsync();
        }

        async Task<(int Orders, bool HasMore)> Page(string query)
        {
            var (status, body) = await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/list?{query}", null);
            status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            body["data"]!.AsObject().Select(p => p.Key).Take(2).ShouldBe(["orders", "hasMore"]);
            return (body["data"]!["orders"]!.AsArray().Count, body["data"]!["hasMore"]!.GetValue<bool>());
        }

        (await Page("take=2")).ShouldBe((2, true));
        (await Page("take=2&skip=1")).ShouldBe((2, false));
        (await Page("take=3")).ShouldBe((3, false));
        (await Page("take=1&skip=2&returnCount=true")).ShouldBe((1, false));
        (await Page("take=1&skip=1&returnCount=true")).ShouldBe((1, true));
        (await Page("skip=3")).ShouldBe((0, false));
    }

    [Fact]
    public async Task Lists_by_creation_date_as_the_mcp_server_sends_it()
    {
        var early = await _store.PlaceAsync();
        _server.Clock.Advance(TimeSpan.FromDays(2));
        var late = await _store.PlaceAsync();
        var lateDay = _server.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var earlyDay = _server.Clock.GetUtcNow().AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<string[]> Numbers(string query)
        {
            var (status, body) = await FungiesStore.Send(_store.Read, HttpMethod.Get, $"/v0/orders/list?{query}", null);
            status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            return body["data"]!["orders"]!.AsArray().Select(o => o!["number"]!.GetValue<string>()).ToArray();
        }

        (await Numbers($"createdFrom={lateDay}")).ShouldBe([late]);
        (await Numbers($"createdTo={earlyDay}")).ShouldBe([early]);
        (await Numbers($"createdFrom={earlyDay}&createdTo={lateDay}")).ShouldBe([late, early]);
        (await Numbers($"createdFrom={lateDay}T23:59:59Z")).ShouldBeEmpty();
        (await Numbers("createdFrom=0001-01-01&createdTo=9999-12-31")).ShouldBe([late, early], "the calendar's last day is a bound, not a fault");

        var (refused, error) = await FungiesStore.Send(_store.Read, HttpMethod.Get, "/v0/orders/list?createdFrom=yesterday", null);
        refused.ShouldBe(HttpStatusCode.BadRequest);
        error["error"]!["message"]!.GetValue<string>().ShouldContain("createdFrom");
    }
}
