using System.Text.Json;
using System.Text.Json.Serialization;

using Microsoft.AspNetCore.Mvc;

using Ordo.Core.Matching;
using Ordo.Server.Hosting;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>The native API's JSON: snake_case, decimals as exact strings, UTC timestamps.</summary>
public static class NativeJson
{
    /// <summary>Source-generated only: a shape not registered in <see cref="NativeJsonContext"/> throws instead of falling back to reflection.</summary>
    public static JsonSerializerOptions Options => NativeJsonContext.Default.Options;

    /// <summary>ASP.NET Core's own options (typed results, OpenAPI): the same wire, resolved by the native context alone.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new DecimalStringConverter());
        options.Converters.Add(new UtcTimestampConverter());
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(NativeJsonContext.Default);
        return options;
    }
}

/// <summary>Every shape the native API writes or documents, with its metadata generated at build time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(DecimalStringConverter), typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(OrderDto))]
[JsonSerializable(typeof(OrderPage))]
[JsonSerializable(typeof(BulkCancelDto))]
[JsonSerializable(typeof(EventList))]
[JsonSerializable(typeof(PayoutPage))]
[JsonSerializable(typeof(AccountDto))]
[JsonSerializable(typeof(CredentialDto))]
[JsonSerializable(typeof(BalancesDto))]
[JsonSerializable(typeof(MarketDto))]
[JsonSerializable(typeof(BookDepth))]
[JsonSerializable(typeof(ProblemShape))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(PlaceOrderBody))]
[JsonSerializable(typeof(CancelBody))]
[JsonSerializable(typeof(BulkCancelBody))]
[JsonSerializable(typeof(FillBody))]
[JsonSerializable(typeof(AccountBody))]
[JsonSerializable(typeof(CredentialBody))]
[JsonSerializable(typeof(DepositBody))]
[JsonSerializable(typeof(MarketBody))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
public sealed partial class NativeJsonContext : JsonSerializerContext;
