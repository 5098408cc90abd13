using System.Text.Json;

using Ordo.Server.Tronify;

namespace Ordo.Server.Tests.Tronify;

/// <summary>The flag recipe against digests computed outside .NET (Python's hashlib), so a wrong recipe cannot pass.</summary>
public sealed class TronifyFlagTests
{
    [Fact]
    public void The_seed_pages_cancel_is_signed_over_orderId_and_sourceFlag()
    {
        var body = JsonDocument.Parse("""{"orderId":"mt1wxcl1_dplo_r0qp_5bho_w5an5hev6d70","flag":"ignored","sourceFlag":"tronLink"}""").RootElement;
        TronifyFlag.Compute(body, "ordo_demo_tronify_secret").ShouldBe("218DC8540FB822BD71D393BD5794AFE7");
    }

    [Fact]
    public void Fields_are_sorted_empty_ones_left_out_and_numbers_signed_as_sent()
    {
        // MD5("fromAddress=TA&pledgeNum=32000&sourceFlag=s&key=k")
        var body = JsonDocument.Parse("""{"sourceFlag":"s","pledgeNum":32000,"empty":"","nothing":null,"fromAddress":"TA","flag":"x"}""").RootElement;
        TronifyFlag.Compute(body, "k").ShouldBe("21D38A5A9D3A006D2EAE1A1A954365C1");
    }

    [Theory]
    [InlineData("21D38A5A9D3A006D2EAE1A1A954365C1", true)]
    [InlineData("21d38a5a9d3a006d2eae1a1a954365c1", true)]
    [InlineData("21D38A5A9D3A006D2EAE1A1A954365C2", false)]
    [InlineData("21D38A5A9D3A006D2EAE1A1A954365C", false)]
    [InlineData("", false)]
    public void Matching_ignores_the_case_of_the_hex_digits_only(string sent, bool matches) =>
        TronifyFlag.Matches(sent, "21D38A5A9D3A006D2EAE1A1A954365C1").ShouldBe(matches);

    [Fact]
    public void Order_ids_are_36_characters_in_five_groups_and_random()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => TronifyOrderIds.New()).ToList();
        ids.ShouldAllBe(id => TronifyOrderIds.IsWellFormed(id));
        ids.Distinct().Count().ShouldBe(200);
        TronifyOrderIds.IsWellFormed("2ombu8zk_3jet_0mle_g7id_2mi3gnl6fk4y").ShouldBeTrue();
        TronifyOrderIds.IsWellFormed("2ombu8zk-3jet-0mle-g7id-2mi3gnl6fk4y").ShouldBeFalse();
        TronifyOrderIds.IsWellFormed("2ombu8zk_3jet_0mle_g7id2_mi3gnl6fk4y").ShouldBeFalse();
        TronifyOrderIds.IsWellFormed("2OMBU8ZK_3jet_0mle_g7id_2mi3gnl6fk4y").ShouldBeFalse();
    }
}
