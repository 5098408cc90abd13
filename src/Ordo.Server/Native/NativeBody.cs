
using Ordo.Server.Http;

namespace Ordo.Server.Native;

/// <summary>Reads a native request body, or the problem that says why it cannot be read.</summary>
public static class NativeBody
{
    public sealed record Read(FieldReader Fields, ProblemResult? Problem);

    public static async Task<Read> ReadAsync(HttpContext http, bool emptyIsObject)
    {
        var body = await JsonBody.ReadAsync(http.Request, emptyIsObject, http.RequestAborted);
        var problem = body.TooLarge ? Problems.BodyTooLarge(body.Error!)
            : body.Error is { } error ? Problems.InvalidRequest("body", error["body: ".Length..])
            : null;
        return new Read(new FieldReader(body.Root), problem);
    }
}
