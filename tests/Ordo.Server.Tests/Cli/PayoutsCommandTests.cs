using Ordo.Server.Cli;
using Ordo.Testing;

namespace Ordo.Server.Tests.Cli;

/// <summary><c>ordo payouts</c>: the operator's list of what to send, run in-process against a real database file.</summary>
[Collection(ConsoleCapture.Name)]
public sealed class PayoutsCommandTests
{
    [Fact]
    public async Task Payouts_are_listed_newest_first_and_by_account()
    {
        using var database = new ScratchDatabase();
        var clock = new ManualClock();
        using (var store = database.Open())
        {
            var admin = new Core.Engine.Administration(store, clock);
            var a = (await admin.CreateAccountAsync("a", null)).Id;
            var b = (await admin.CreateAccountAsync("b", null)).Id;
            await Payouts.PaidAndCancelledAsync(store, clock, a, "TRefundOfA");
            await Payouts.PaidAndCancelledAsync(store, clock, b, "TRefundOfB");
        }

        var (code, output) = await Run("payouts", "--db", database.Path);
        code.ShouldBe(0);
        var lines = output.Trim().Split('\n');
        lines[0].ShouldBe("id\tcreated_at\torder\taccount\tamount\tasset\taddress\treason");
        lines[1].ShouldEndWith("\t101\t9\tTRX\tTRefundOfB\tcancel");
        lines[2].ShouldEndWith("\t100\t9\tTRX\tTRefundOfA\tcancel");

        var (_, onlyA) = await Run("payouts", "--account", "100", "--db", database.Path);
        onlyA.ShouldContain("TRefundOfA");
        onlyA.ShouldNotContain("TRefundOfB");
        (await Run("payouts", "--account", "999", "--db", database.Path)).Output.ShouldContain("No payouts.");
        (await Run("payouts", "--limit", "0", "--db", database.Path)).Code.ShouldBe(2);
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            var code = await OrdoCommandLine.Build().Parse(args).InvokeAsync();
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
