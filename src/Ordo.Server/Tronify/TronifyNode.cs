using Ordo.Server.Tronify.Chain;

namespace Ordo.Server.Tronify;

/// <summary>The java-tron node of <c>Tronify__TronNodeUrl</c>, when one is set; without it fastTrade answers 101 naming the setting.</summary>
public static class TronifyNode
{
    public static IServiceCollection AddTronNode(this IServiceCollection services, TronifyOptions options)
    {
        if (string.IsNullOrEmpty(options.TronNodeUrl))
        {
            return services;
        }

        // A trailing slash keeps a base path (a gateway's /tron/) when the node's paths are appended.
        var url = new Uri(options.TronNodeUrl.EndsWith('/') ? options.TronNodeUrl : options.TronNodeUrl + "/");
        return services.AddSingleton<ITronNode>(_ =>
            new JavaTronNode(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), url));
    }
}
