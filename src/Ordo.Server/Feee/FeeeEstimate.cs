using Ordo.Core;
using Ordo.Core.Addresses;
using Ordo.Server.Tronify.Chain;

namespace Ordo.Server.Feee;

/// <summary>
/// <c>estimate_energy</c>: the energy a TRC-20 transfer would use, simulated by the deployment's TRON
/// node (<c>Tronify__TronNodeUrl</c>, the one Tronify's fastTrade uses), and the TRX it would burn
/// without rented energy. Clients call it before <c>order/submit</c> to size <c>resource_value</c>.
/// </summary>
public static class FeeeEstimate
{
    /// <summary>USDT's TRC-20 contract on mainnet: what Feee's clients transfer when they name no contract.</summary>
    public const string UsdtContract = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

    /// <summary>
    /// The simulated amount: 1 unit, the least a sender can send. A transfer's energy hardly depends on
    /// the amount (it depends on whether the recipient already holds the token), and a larger amount
    /// would revert for a sender holding less than it; 1 unit runs for any sender holding some.
    /// </summary>
    private const int SimulatedAmount = 1;

    public static async Task<IResult> EstimateEnergy(HttpContext http, ServerOptions options)
    {
        var fields = await FeeeParameters.ReadAsync(http.Request, http.RequestAborted);
        if (fields.Error is { } error)
        {
            return FeeeResult.Invalid(error);
        }

        var from = Address(fields, "from_address", required: true);
        var to = Address(fields, "to_address", required: true);
        var contract = Address(fields, "contract_address", required: false) ?? UsdtContract;
        if (!fields.Ok)
        {
            return FeeeResult.Invalid(fields.FirstError);
        }

        if (http.RequestServices.GetService<ITronNode>() is not { } node)
        {
            return FeeeResult.Invalid("estimate_energy needs a TRON node: the operator has not set Tronify__TronNodeUrl");
        }

        TronConstantCall call;
        try
        {
            call = await node.TriggerConstantContractAsync(
                from!, contract, Trc20Transfer.FunctionSelector, Trc20Transfer.Parameter(to!, SimulatedAmount), http.RequestAborted);
        }
        catch (TronNodeUnavailableException e)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ordo.Feee").LogWarning("TRON node failed: {Reason}", e.Message);
            return new FeeeResult(FeeeCodes.Unavailable, "the TRON node did not answer; nothing was done, retry later") { HttpStatus = 503, RetryAfterSeconds = 5 };
        }

        if (!call.Succeeded)
        {
            var why = string.Join(": ", new[] { call.Code, call.Message }.Where(part => !string.IsNullOrEmpty(part)));
            return FeeeResult.Invalid($"the TRON node refused a transfer of 1 unit of {contract} from from_address to to_address: {why}");
        }

        // Sun to TRX, exactly: energy × price in sun, then 6 decimal places.
        var fee = call.EnergyUsed * (decimal)options.Feee.EnergyPriceSun / 1_000_000m;
        return FeeeResult.Ok(new FeeeEnergyEstimate(call.EnergyUsed, Decimals.Normalize(fee)));
    }

    private static string? Address(FeeeParameters fields, string field, bool required)
    {
        var address = fields.String(field, required, maxLength: 64);
        if (address is not null && !TronAddress.IsValid(address))
        {
            fields.Fail(field, "must be a TRON address: 34 characters starting with T, with a valid checksum");
            return null;
        }

        return address;
    }
}

/// <summary>The simulated transfer's energy, and the TRX it would burn at <c>Feee__EnergyPriceSun</c> without rented energy.</summary>
public sealed record FeeeEnergyEstimate(long EnergyUsed, decimal Fee);
