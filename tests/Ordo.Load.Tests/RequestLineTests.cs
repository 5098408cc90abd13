using Ordo.Load;

namespace Ordo.Load.Tests;

public class RequestLineTests
{
    [Fact]
    public void Reads_method_path_and_a_body_with_tabs_and_spaces_kept()
    {
        var line = RequestLine.Parse("POST\t/open/v2/order/cancel\t{\"order_no\": \"a\tb\"}");
        line.ShouldBe(new RequestLine("POST", "/open/v2/order/cancel", "{\"order_no\": \"a\tb\"}"));
    }

    [Fact]
    public void A_line_without_a_body_has_none()
    {
        RequestLine.Parse("GET\t/v1/orders/5").Body.ShouldBeNull();
        RequestLine.Parse("GET\t/v1/orders/5\t").Body.ShouldBeNull();
    }

    [Theory]
    [InlineData("GET /v1/orders")]
    [InlineData("GET\tv1/orders")]
    [InlineData("\t/v1/orders")]
    public void Refuses_a_line_that_is_not_method_tab_path(string text)
    {
        Should.Throw<FormatException>(() => RequestLine.Parse(text));
    }
}
