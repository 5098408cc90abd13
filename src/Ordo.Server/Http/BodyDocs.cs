namespace Ordo.Server.Http;

public static class BodyDocs
{
    /// <summary>
    /// Documents the JSON body in OpenAPI without letting routing refuse other content types
    /// (routing's bare 415 has no envelope); the handler reads and judges the body itself.
    /// </summary>
    public static RouteHandlerBuilder DocumentsBody<T>(this RouteHandlerBuilder builder)
        where T : notnull =>
        builder.Accepts<T>(isOptional: true, "application/json", "*/*");
}
