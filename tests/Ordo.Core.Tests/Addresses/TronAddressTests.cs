using Ordo.Core.Addresses;

namespace Ordo.Core.Tests.Addresses;

public sealed class TronAddressTests
{
    [Theory]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")] // the USDT contract, a well-known address
    [InlineData("T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb")] // the all-zero account
    public void Accepts_real_addresses(string address) => TronAddress.IsValid(address).ShouldBeTrue();

    [Theory]
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u")] // last character changed: checksum fails
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6")] // 33 characters
    [InlineData("AR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")] // does not start with T
    [InlineData("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj0t")] // 0 is not base58
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? address) => TronAddress.IsValid(address).ShouldBeFalse();

    [Fact]
    public void Encodes_what_it_validates()
    {
        var account = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        var address = TronAddress.Encode(account);
        address.Length.ShouldBe(34);
        TronAddress.IsValid(address).ShouldBeTrue();
    }

    [Fact]
    public void Decodes_to_the_bytes_it_was_encoded_from()
    {
        var account = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        TronAddress.TryDecode(TronAddress.Encode(account), out var bytes).ShouldBeTrue();
        bytes.ShouldBe([0x41, .. account]);
    }

    [Fact]
    public void Decodes_a_known_address_to_its_hex_form()
    {
        // tronweb's test config pairs TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC with 417e5f45…5bdf (test/helpers/config.ts).
        TronAddress.TryDecode("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC", out var bytes).ShouldBeTrue();
        Convert.ToHexStringLower(bytes).ShouldBe("417e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    [Fact]
    public void Decodes_nothing_from_an_invalid_address()
    {
        TronAddress.TryDecode("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", out var bytes).ShouldBeFalse();
        bytes.ShouldBeEmpty();
    }
}
