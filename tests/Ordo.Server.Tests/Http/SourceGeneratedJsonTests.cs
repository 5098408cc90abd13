using System.Text.Json;
using System.Text.Json.Serialization;

using Ordo.Server.Feee;
using Ordo.Server.Fungies;
using Ordo.Server.Native;
using Ordo.Server.Tanx;
using Ordo.Server.Tronify;
using Ordo.Server.XendBridge;

namespace Ordo.Server.Tests.Http;

/// <summary>
/// Every dialect's options resolve shapes through its source-generated context only: a shape that is
/// not registered throws, even here where the test process leaves reflection on, so the HTTP suites,
/// which answer every endpoint of every dialect, prove that each wire shape is registered. The
/// <c>ordo</c> binary itself runs with reflection switched off.
/// </summary>
public sealed class SourceGeneratedJsonTests
{
    public static TheoryData<string> Dialects => ["native", "feee", "tronify", "tanx", "fungies", "xendbridge", "asp.net core"];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void An_unregistered_shape_throws_instead_of_falling_back_to_reflection(string dialect)
    {
        var options = OptionsOf(dialect);

        var refused = Should.Throw<NotSupportedException>(() => JsonSerializer.Serialize(new Unregistered("x"), options));

        refused.Message.ShouldContain(nameof(Unregistered));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Every_resolver_of_a_dialect_is_a_source_generated_context(string dialect)
    {
        var options = OptionsOf(dialect);

        options.TypeInfoResolverChain.ShouldNotBeEmpty();
        options.TypeInfoResolverChain.ShouldAllBe(resolver => resolver is JsonSerializerContext);
    }

    [Fact]
    public void The_ordo_binary_runs_with_reflection_based_serialization_switched_off()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "ordo.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));

        json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
            .GetProperty("System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void A_registered_shape_keeps_its_wire_names_and_formats()
    {
        // snake_case, a decimal as an exact string, a UTC timestamp with milliseconds: the native wire.
        var account = new AccountDto(7, "Ada", null, new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.FromHours(1)));
        var balance = new BalanceDto("USDT", 1.50m, 0m);

        JsonSerializer.Serialize(account, NativeJson.Options).ShouldBe("""{"id":7,"name":"Ada","email":null,"created_at":"2026-11-21T12:00:00.000Z"}""");
        JsonSerializer.Serialize(balance, OptionsOf("asp.net core")).ShouldBe("""{"asset":"USDT","available":"1.5","locked":"0"}""");
    }

    private static JsonSerializerOptions OptionsOf(string dialect) => dialect switch
    {
        "native" => NativeJson.Options,
        "feee" => FeeeJson.Options,
        "tronify" => TronifyJson.Options,
        "tanx" => TanxJson.Options,
        "fungies" => FungiesJson.Options,
        "xendbridge" => XendJson.Options,
        // ASP.NET Core's own options start with its reflection resolver; the server replaces the chain.
        _ => NativeJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };

    private sealed record Unregistered(string Name);
}
