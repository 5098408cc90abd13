using Ordo.Core.Engine;

namespace Ordo.Server.Auth;

/// <summary>The dialects this server speaks, by the names credentials and orders carry.</summary>
public static class DialectNames
{
    public const string Native = OrderEngine.NativeDialect;
    public const string Feee = "feee";
    public const string Tronify = "tronify";
    public const string Tanx = "tanx";
    public const string Fungies = "fungies";
    public const string XendBridge = "xendbridge";

    /// <summary>Dialects whose credentials can be issued.</summary>
    public static readonly IReadOnlyList<string> WithCredentials = [Native, Feee, Tronify, Tanx, Fungies, XendBridge];
}
