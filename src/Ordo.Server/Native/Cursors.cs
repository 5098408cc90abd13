using System.Buffers.Binary;

namespace Ordo.Server.Native;

/// <summary>Opaque list cursors: the last id of a page, base64url-encoded.</summary>
public static class Cursors
{
    public static string Encode(long lastId)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastId);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static long? Decode(string cursor)
    {
        if (cursor.Length != 11)
        {
            return null;
        }

        var padded = cursor.Replace('-', '+').Replace('_', '/') + "=";
        Span<byte> bytes = stackalloc byte[9];
        return Convert.TryFromBase64String(padded, bytes, out var written) && written == 8
            ? BinaryPrimitives.ReadInt64BigEndian(bytes)
            : null;
    }
}
