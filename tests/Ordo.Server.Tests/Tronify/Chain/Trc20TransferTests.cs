using System.Numerics;

using Ordo.Server.Tronify.Chain;

namespace Ordo.Server.Tests.Tronify.Chain;

public sealed class Trc20TransferTests
{
    [Fact]
    public void Encodes_the_recipient_as_12_zero_bytes_then_its_20_account_bytes_and_the_amount_big_endian()
    {
        // TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t is 41 a614f803b6fd780986a42c78ec9c7f77e6ded13c: the 0x41 prefix is dropped.
        var parameter = Trc20Transfer.Parameter("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", 1_000_000);

        parameter.Length.ShouldBe(128);
        parameter[..64].ShouldBe(new string('0', 24) + "a614f803b6fd780986a42c78ec9c7f77e6ded13c");
        parameter[64..].ShouldBe(new string('0', 58) + "0f4240");
    }

    [Fact]
    public void The_largest_uint256_fills_the_word_and_one_more_does_not_fit()
    {
        var max = BigInteger.Pow(2, 256) - 1;
        Trc20Transfer.Parameter("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", max)[64..].ShouldBe(new string('f', 64));
        Should.Throw<ArgumentOutOfRangeException>(() => Trc20Transfer.Parameter("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", max + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => Trc20Transfer.Parameter("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", -1));
        Should.Throw<ArgumentException>(() => Trc20Transfer.Parameter("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", 1));
    }
}
