namespace Ordo.Server.Http;

public static class BodyLimits
{
    /// <summary>Largest request body any dialect accepts (the wire contract's rule).</summary>
    public const int MaxBytes = 64 * 1024;
}
