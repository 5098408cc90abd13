using System.Globalization;

using Ordo.Core.Orders;
using Ordo.Core.Store;
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>Reads the list endpoint's query string into an <see cref="OrderQuery"/>, naming any bad parameter.</summary>
public static class ListRequest
{
    public const int MaxLimit = 500;

    /// <summary>
    /// The page of any cursor-paginated list (<c>limit</c>, 50 by default, at most <see cref="MaxLimit"/>;
    /// <c>cursor</c>, as a previous page returned it), or the problem naming the parameter.
    /// </summary>
    public static ProblemResult? Page(IQueryCollection query, out int limit, out long? before)
    {
        limit = 50;
        before = null;
        if (query.TryGetValue("limit", out var limitText) &&
            (!int.TryParse(limitText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.InvalidRequest("limit", $"must be a whole number from 1 to {MaxLimit}");
        }

        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (Cursors.Decode(cursorText.ToString()) is not { } cursor)
            {
                return Problems.InvalidRequest("cursor", "is not a cursor this API returned");
            }

            before = cursor;
        }

        return null;
    }

    public static OrderQuery? Parse(IQueryCollection query, long? scope, out ProblemResult? problem)
    {
        var result = new OrderQuery { AccountId = scope };
        string? Param(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        problem = Page(query, out var limit, out var before);
        if (problem is not null)
        {
            return null;
        }

        result = result with { Limit = limit, BeforeId = before };

        if (Param("state") is { } state)
        {
            if (!NativeNames.States.Contains(state))
            {
                problem = Problems.InvalidRequest("state", $"must be one of: {string.Join(", ", NativeNames.States)}");
                return null;
            }

            result = result with { States = NativeNames.StatesFor(state) };
        }

        if (Param("kind") is { } kind)
        {
            if (!NativeNames.Kinds.TryGetValue(kind, out var k))
            {
                problem = Problems.InvalidRequest("kind", $"must be one of: {string.Join(", ", NativeNames.Kinds.Keys)}");
                return null;
            }

            result = result with { Kind = k };
        }

        if (Param("side") is { } side)
        {
            if (!NativeNames.Sides.TryGetValue(side, out var s))
            {
                problem = Problems.InvalidRequest("side", "must be one of: buy, sell");
                return null;
            }

            result = result with { Side = s };
        }

        if (Param("market") is { } market)
        {
            result = result with { Market = market };
        }

        foreach (var name in new[] { "created_from", "created_to" })
        {
            if (Param(name) is not { } text)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                problem = Problems.InvalidRequest(name, "must be an RFC 3339 timestamp such as 2026-11-21T12:00:00Z");
                return null;
            }

            result = name == "created_from" ? result with { CreatedFrom = at } : result with { CreatedTo = at };
        }

        return result;
    }
}
