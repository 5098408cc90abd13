using System.Globalization;

using Ordo.Core.Orders;

namespace Ordo.Server.Native;

/// <summary>
/// Reads the <c>{ref}</c> of a native path: digits are the id, a UUID is the uuid,
/// <c>client:&lt;id&gt;</c> is the client order id, anything else is the dialect number (digits too
/// long for an id, such as Feee's 22-digit order numbers, are a number).
/// </summary>
public static class OrderRefs
{
    public static OrderRef? Parse(string text, out string? error)
    {
        error = null;
        if (text.Length is 0 or > 128)
        {
            error = "must be 1 to 128 characters";
            return null;
        }

        if (text.All(char.IsAsciiDigit))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new OrderRef.ById(id)
                : new OrderRef.ByNumber(text);
        }

        if (text.StartsWith("client:", StringComparison.Ordinal))
        {
            return new OrderRef.ByClientId(text["client:".Length..]);
        }

        return Guid.TryParse(text, out var uuid) ? new OrderRef.ByUuid(uuid) : new OrderRef.ByNumber(text);
    }
}
