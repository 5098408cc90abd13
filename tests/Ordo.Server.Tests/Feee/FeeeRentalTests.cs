namespace Ordo.Server.Tests.Feee;

/// <summary><c>rent_time_second</c>: at least 600 and a multiple of 3, and when non-zero it alone decides the duration.</summary>
public sealed class FeeeRentalTests : IAsyncLifetime
{
    private const string Address = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    private ServerFixture _server = null!;
    private FeeeUser _user = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync();
        _user = await _server.FeeeUserAsync(trx: 1000m);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Six_hundred_seconds_is_the_ten_minute_rental_of_the_seed_page()
    {
        var order = (await _user.PostAsync("/open/v2/order/submit", $$"""{"resource_type":1,"receive_address":"{{Address}}","resource_value":32000,"rent_time_second":600}"""))["data"]!;
        order["rent_time_second"]!.GetValue<long>().ShouldBe(600);
        order["rent_duration"]!.GetValue<long>().ShouldBe(10);
        order["rent_time_unit"]!.GetValue<string>().ShouldBe("m");
        order["price_in_sun"]!.GetValue<long>().ShouldBe(105);
        order["pay_amount"]!.GetValue<decimal>().ShouldBe(3.92m);
        order["lock_period"]!.GetValue<long>().ShouldBe(200);
    }

    [Fact]
    public async Task Seconds_decide_alone_and_the_pair_beside_them_is_not_checked()
    {
        // rent_duration=2 with unit h is refused on its own; beside rent_time_second it is not looked at.
        var order = (await _user.PostAsync("/open/v2/order/submit", $$"""{"resource_type":1,"receive_address":"{{Address}}","resource_value":32000,"rent_duration":2,"rent_time_unit":"h","rent_time_second":7200}"""))["data"]!;
        order["rent_time_second"]!.GetValue<long>().ShouldBe(7200);
        order["rent_duration"]!.GetValue<long>().ShouldBe(120, "shown as whole minutes");
        order["rent_time_unit"]!.GetValue<string>().ShouldBe("m");
        order["price_in_sun"]!.GetValue<long>().ShouldBe(130, "the 3-hour tier covers 2 hours");
        order["lock_period"]!.GetValue<long>().ShouldBe(2400);

        var odd = (await _user.PostAsync("/open/v2/order/submit", $$"""{"resource_type":1,"receive_address":"{{Address}}","resource_value":32000,"rent_duration":"zz","rent_time_unit":7,"rent_time_second":603}"""))["data"]!;
        odd["rent_time_second"]!.GetValue<long>().ShouldBe(603);
        odd["rent_duration"]!.GetValue<long>().ShouldBe(11);
    }

    [Theory]
    [InlineData("resource_value=32000&rent_time_second=600", 105, 3.92, 600)]
    [InlineData("resource_value=32000&rent_duration=2&rent_time_unit=h&rent_time_second=7200", 130, 4.72, 7200)]
    public async Task Price_takes_rent_time_second(string query, long priceInSun, decimal pay, long seconds)
    {
        var price = (await _user.GetAsync($"/open/v2/order/price?{query}"))["data"]!;
        price["price_in_sun"]!.GetValue<long>().ShouldBe(priceInSun);
        price["pay_amount"]!.GetValue<decimal>().ShouldBe(pay);
        price["rent_time_second"]!.GetValue<long>().ShouldBe(seconds);
    }
}
