using System.Text.Json.Serialization;

using Ordo.Core.Accounts;
using Ordo.Core.Ledger;
using Ordo.Core.Markets;

namespace Ordo.Server.Native;

public sealed record AccountDto(long Id, string Name, string? Email, DateTimeOffset CreatedAt)
{
    public static AccountDto From(Account a) => new(a.Id, a.Name, a.Email, a.CreatedAt);
}

/// <summary>
/// A new credential. Its secret material is shown this once: <see cref="Key"/> (native, Feee; stored
/// only as a hash) or <see cref="Secret"/> with its <see cref="SourceFlag"/> (Tronify; stored encrypted).
/// </summary>
public sealed record CredentialDto(
    long Id,
    long AccountId,
    string Dialect,
    IReadOnlyList<string> Scopes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SourceFlag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EthAddress,
    DateTimeOffset CreatedAt)
{
    /// <summary>Fungies: the public half of the pair (stored as is: it only names the pair).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PublicKey { get; init; }

    /// <summary>Fungies and XendBridge: the secret, shown once and stored only as a hash.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SecretKey { get; init; }

    /// <summary>Fungies: <c>read</c> or <c>write</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Access { get; init; }
}

public sealed record BalanceDto(string Asset, decimal Available, decimal Locked)
{
    public static BalanceDto From(Balance b) => new(b.Asset, b.Available, b.Locked);
}

public sealed record BalancesDto(IReadOnlyList<BalanceDto> Balances);

public sealed record MarketDto(string Name, string Base, string Quote, int PricePrecision, int VolumePrecision, decimal MinVolume, decimal MakerFee, decimal TakerFee)
{
    public static MarketDto From(Market m) => new(m.Name, m.Base, m.Quote, m.PricePrecision, m.VolumePrecision, m.MinVolume, m.MakerFee, m.TakerFee);
}

public sealed record AccountBody(string Name, string? Email);

public sealed record CredentialBody(string Dialect, IReadOnlyList<string>? Scopes, string? SourceFlag, string? EthAddress, string? Access);

public sealed record DepositBody(string Asset, string Amount, string ExternalId);

public sealed record MarketBody(string Base, string Quote, int PricePrecision, int VolumePrecision, string MinVolume, string MakerFee, string TakerFee);
