namespace Ordo.Server.Tronify.Chain;

/// <summary>Builds TRX transfers and checks their signatures. (Being written: see issue 10.)</summary>
public static class TronTransfers
{
    /// <summary>
    /// A transfer of <paramref name="amountSun"/> from <paramref name="from"/> to <paramref name="to"/>
    /// (base58 addresses), referencing <paramref name="block"/>, stamped <paramref name="now"/>, expiring
    /// <paramref name="lifetime"/> later.
    /// </summary>
    public static TronTransfer Build(string from, string to, long amountSun, TronBlockRef block, DateTimeOffset now, TimeSpan lifetime) =>
        throw new NotImplementedException();

    /// <summary>
    /// Whether <paramref name="signature"/> (65 bytes hex: r, s, v with v 0/1 or 27/28) over the
    /// transaction id <paramref name="txId"/> (64 hex digits) was made by the key of the base58
    /// <paramref name="address"/>. Malformed input is simply not signed by anyone.
    /// </summary>
    public static bool IsSignedBy(string txId, string signature, string address) =>
        throw new NotImplementedException();
}
