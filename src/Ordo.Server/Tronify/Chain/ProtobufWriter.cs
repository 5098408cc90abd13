namespace Ordo.Server.Tronify.Chain;

/// <summary>
/// Writes the few protobuf fields a TRX transfer's <c>raw_data</c> holds: varints and
/// length-delimited bytes, in the order they are written. Hand-written because the encoding of
/// these five messages is a handful of lines, and Google.Protobuf without generated code would
/// not make it shorter. Fields equal to their default are left out, as protobuf does.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;

    private readonly MemoryStream _bytes = new();

    public ProtobufWriter Int64(int field, long value)
    {
        if (value != 0)
        {
            WriteVarint(((ulong)field << 3) | Varint);
            WriteVarint((ulong)value);
        }

        return this;
    }

    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            WriteVarint(((ulong)field << 3) | LengthDelimited);
            WriteVarint((ulong)value.Length);
            _bytes.Write(value);
        }

        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

    public byte[] ToArray() => _bytes.ToArray();

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.WriteByte((byte)value);
    }
}
