namespace Ordo.Core.Markets;

/// <summary>An exchange market (e.g. btcusdc) and its trading rules. Fees are fractions ("0.0004").</summary>
public sealed record Market(
    string Name,
    string Base,
    string Quote,
    int PricePrecision,
    int VolumePrecision,
    decimal MinVolume,
    decimal MakerFee,
    decimal TakerFee);
