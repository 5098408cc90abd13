namespace Ordo.Server.Tests.Tenants;

/// <summary>
/// Another account's order reference answers exactly like an unknown one, on every endpoint of
/// every dialect that takes a reference, in every form it takes; and such a call writes nothing.
/// </summary>
public sealed class ForeignReferenceTests(TenantWorld world) : IClassFixture<TenantWorld>
{
    [Theory]
    [MemberData(nameof(ReferenceRows.AllNames), MemberType = typeof(ReferenceRows))]
    public Task Another_accounts_reference_answers_byte_for_byte_like_an_unknown_one(string row) =>
        CheckAsync(ReferenceRows.All.Single(r => r.Name == row));

    // The executor trust model (native.md, "Who may report a fill"): another account's fills:write
    // key may not move a purchase or a p2p order, and the refusal reads like an unknown order.
    [Theory]
    [MemberData(nameof(ReferenceRows.FillNames), MemberType = typeof(ReferenceRows))]
    public Task Another_accounts_reference_on_the_fills_endpoint_answers_like_an_unknown_one(string row) =>
        CheckAsync(ReferenceRows.AwaitingExecutorTrust.Single(r => r.Name == row));

    private async Task CheckAsync(ReferenceRow row)
    {
        var foreign = await row.Place(world);
        var unknown = row.Unknown(world);
        var before = await world.Server.SnapshotAsync();

        var (http, request) = row.Call(world, false, foreign);
        var answerToForeign = await Answer.OfAsync(http, request);
        (http, request) = row.Call(world, false, unknown);
        var answerToUnknown = await Answer.OfAsync(http, request);

        answerToUnknown.ShouldMatch(row.UnknownSays, $"{row.Name}: the unknown reference must reach the lookup, not stop at validation");
        answerToForeign.ShouldBe(answerToUnknown, $"{row.Name}: another account's {foreign} vs unknown {unknown}");
        (await world.Server.SnapshotAsync()).ShouldBe(before, $"{row.Name}: the intruder's call wrote something");

        // The reference is live: its owner (or an operator) gets a different answer from the unknown one.
        (http, request) = row.Call(world, true, foreign);
        (await Answer.OfAsync(http, request)).ShouldNotBe(answerToUnknown, $"{row.Name}: {foreign} does not reach the owner's order");
    }
}
