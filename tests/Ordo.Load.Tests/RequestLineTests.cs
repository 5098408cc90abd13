using Ordo.Load;

namespace Ordo.Load.Tests;

public class RequestLineTests
{
    [Fact]
    public void Reads_method_path_and_a_body_with_spaces_kept()
    {
        var line = RequestLine.Parse("POST\t/open/v2/order/cancel\t{\"order_no\": \"a b\"}");
        line.Method.ShouldBe("POST");
        line.Path.ShouldBe("/open/v2/order/cancel");
        line.Body.ShouldBe("{\"order_no\": \"a b\"}");
        line.Headers.ShouldBeEmpty();
    }

    [Fact]
    public void A_line_without_a_body_has_none()
    {
        RequestLine.Parse("GET\t/v1/orders/5").Body.ShouldBeNull();
        RequestLine.Parse("GET\t/v1/orders/5\t").Body.ShouldBeNull();
    }

    [Fact]
    public void Fields_after_the_body_are_the_request_s_own_headers()
    {
        var line = RequestLine.Parse("POST\t/x\t{}\tsecretKey: abc\tX-Other:  two words ");
        line.Headers.ShouldBe([("secretKey", "abc"), ("X-Other", "two words")]);

        var bodiless = RequestLine.Parse("GET\t/x\t\tAuthorization: Bearer k");
        bodiless.Body.ShouldBeNull();
        bodiless.Headers.ShouldBe([("Authorization", "Bearer k")]);
    }

    [Theory]
    [InlineData("GET /v1/orders")]
    [InlineData("GET\tv1/orders")]
    [InlineData("\t/v1/orders")]
    [InlineData("POST\t/x\t{}\tno colon")]
    public void Refuses_a_line_that_is_not_method_tab_path_body_headers(string text)
    {
        Should.Throw<FormatException>(() => RequestLine.Parse(text));
    }
}
