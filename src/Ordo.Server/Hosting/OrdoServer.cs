using Microsoft.AspNetCore.Diagnostics;
using Microsoft.OpenApi;

using Ordo.Core.Engine;
using Ordo.Core.Store;
using Ordo.Server.Auth;
using Ordo.Server.Demo;
using Ordo.Server.Expiry;
using Ordo.Server.Feee;
using Ordo.Server.Fungies;
using Ordo.Server.Http;
using Ordo.Server.Native;
using Ordo.Server.Tanx;
using Ordo.Server.Tronify;
using Ordo.Server.XendBridge;

namespace Ordo.Server.Hosting;

/// <summary>Builds the web server: services, the dialects' routes, health, OpenAPI. Used by <c>ordo serve</c> and by tests.</summary>
public static class OrdoServer
{
    /// <param name="overrides">Registrations that replace the defaults (tests inject faults with it).</param>
    public static WebApplication Build(ServerOptions options, TimeProvider? clock = null, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? overrides = null)
    {
        if (options.Demo && LoopbackUrls.FirstNonLoopback(options.Urls) is { } exposed)
        {
            throw new InvalidOperationException(LoopbackUrls.Refusal(exposed));
        }

        if (options.Demo)
        {
            options = DemoSettings.Apply(options);
        }

        // A provider account moves p2p orders' stages; a system account can never be one.
        foreach (var (setting, provider) in new[] { ("Ordo__Native__P2pProvider", options.Native.P2pProvider), ("XendBridge__ProviderAccount", options.XendBridge.ProviderAccount) })
        {
            if (provider is { } account && Core.Ledger.SystemAccounts.IsSystem(account))
            {
                throw new InvalidOperationException($"{setting}={account} names a system account; a p2p provider is a tenant account");
            }
        }

        var forwarded = TrustedProxies.Options(options.TrustedProxies);

        if (options.Tronify.Refusal() is { } tronify)
        {
            throw new InvalidOperationException(tronify);
        }

        // No reload of appsettings.json on change: its watcher is an inotify watch on every folder under
        // the working directory, walked at start-up, and it woke a thread at every write of a database
        // kept there (4% of the CPU of a cancel run, profiled with perf). Ordo's settings are read once anyway.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });

        // ASP.NET Core's six Information lines per request halved the throughput (BENCHMARKS.md, issue 12).
        // First source, so Logging__LogLevel__Microsoft.AspNetCore=Information turns them back on.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddSingleton(options);
        services.AddStore(options);
        services.AddSingleton<OrderEngine>();
        services.AddSingleton<BookWarmup>();
        services.AddSingleton<Administration>();
        services.AddSingleton<NativeAuthenticator>();
        services.AddSingleton(SecretBox.ForDatabase(options.Database, options.SecretsKey));
        services.AddSingleton<CredentialIssuer>();
        services.AddSingleton<TronifyChannel>();
        services.AddTronNode(options.Tronify);
        services.AddSingleton<TanxTokens>();
        services.AddSingleton<TanxNonces>();
        services.AddSingleton<TanxOrderNonces>();
        services.AddSingleton<CredentialRateLimiter>();
        services.AddSingleton<ClientThrottle>();
        services.AddSingleton<CredentialLookup>();
        services.AddSingleton<Idempotency.InFlightKeys>();
        services.AddSingleton<Telemetry.Telemetry>();
        services.AddSingleton<ExpirySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpirySweeper>());
        services.AddHostedService<IdempotencyPurge>();
        services.ConfigureHttpJsonOptions(json => NativeJson.Configure(json.SerializerOptions));
        services.AddOpenApi("v1", openApi =>
        {
            openApi.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Ordo native API";
                document.Info.Description = "Orders of every kind, cancelled correctly and fast. Decimals are exact strings.";
                return Task.CompletedTask;
            });
            openApi.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(decimal) || type == typeof(decimal?))
                {
                    schema.Type = type == typeof(decimal) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Format = "decimal";
                    schema.Pattern = null;
                }

                return Task.CompletedTask;
            });
        });

        overrides?.Invoke(services);
        var app = builder.Build();
        app.Services.GetRequiredService<Telemetry.Telemetry>();
        app.Services.GetRequiredService<CredentialLookup>(); // its cache watches for credential changes from start-up
        if (forwarded is not null)
        {
            app.UseForwardedHeaders(forwarded);
        }

        app.UseRequestIds();
        app.UseExceptionHandler(failed => failed.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ordo");
            context.Response.Headers[RequestIds.Header] = context.TraceIdentifier;
            if (error is StoreUnavailableException unavailable)
            {
                // Broken infrastructure the caller may retry: 503 and Retry-After, nothing was done.
                log.LogWarning("Store unavailable on {Path}: {Reason}", context.Request.Path, unavailable.InnerException?.Message ?? unavailable.Message);
                await Fault(context.Request.Path, unavailable.RetryAfterSeconds).ExecuteAsync(context);
                return;
            }

            log.LogError(error, "Unhandled error on {Path}", context.Request.Path);
            await Fault(context.Request.Path, null).ExecuteAsync(context);
        }));

        app.MapOpenApi("/openapi/{documentName}.json");
        // Only /docs passes through the Swagger UI middleware (it looked at every request's path: 1.6% of a GET's CPU).
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/docs"), docs => docs.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "docs";
            ui.SwaggerEndpoint("/openapi/v1.json", "Ordo native API v1");
        }));
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("up"))).WithTags("Operations");
        app.MapGet("/readyz", async (IOrderStore s, BookWarmup books, CancellationToken ct) =>
            books.IsDone && await s.IsReadyAsync(ct)
                ? Results.Ok(new HealthStatus("ready"))
                : Results.Json(new HealthStatus("not_ready"), statusCode: 503)).WithTags("Operations");
        app.MapNativeOrders();
        app.MapNativeAdmin();
        app.MapNativeMarkets();
        app.MapNativePayouts();
        app.MapFeee();
        app.MapTronify();
        app.MapTanx();
        app.MapFungies();
        app.MapXendBridge();
        app.MapFallback(() => new ProblemResult(404, "not_found", "Not found", "no such endpoint"));

        // Each market's book is rebuilt from the open orders in the store, in their original priority,
        // while the rest starts (see BookWarmup).
        app.Services.GetRequiredService<BookWarmup>().Start();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ordo");
        foreach (var provider in new[] { options.Native.P2pProvider, options.XendBridge.ProviderAccount })
        {
            if (provider is { } id && app.Services.GetRequiredService<IOrderStore>().GetAccountAsync(id).GetAwaiter().GetResult() is null)
            {
                log.LogWarning("The p2p provider account {Account} does not exist yet: until it does, only operators move p2p orders' stages", id);
            }
        }

        if (options.Demo)
        {
            var demo = DemoData.SeedAsync(app.Services, options.Urls.Split(';')[0]).GetAwaiter().GetResult();
            Console.WriteLine(demo);
        }

        var store = app.Services.GetRequiredService<IOrderStore>();
        app.Lifetime.ApplicationStopped.Register(() => (store as IDisposable)?.Dispose());
        return app;
    }

    /// <summary>Each platform dialect's path prefix and how it words a server fault and "unavailable, retry after".</summary>
    private static readonly (string Prefix, Func<IResult> Fault, Func<int, IResult> Unavailable)[] DialectFaults =
    [
        (FeeeEndpoints.Prefix, FeeeResult.ServerFault, FeeeResult.Unavailable),
        (TronifyEndpoints.Prefix, TronifyResult.ServerFault, TronifyResult.Unavailable),
        (TanxEndpoints.Root, TanxResult.ServerFault, TanxResult.Unavailable),
        (FungiesEndpoints.Prefix, FungiesResult.ServerFault, FungiesResult.Unavailable),
        (XendEndpoints.Prefix, XendResult.ServerFault, XendResult.Unavailable),
    ];

    /// <summary>A server fault, or with <paramref name="retryAfter"/> the store's 503, in the envelope of the dialect that owns the path.</summary>
    private static IResult Fault(PathString path, int? retryAfter)
    {
        foreach (var (prefix, fault, unavailable) in DialectFaults)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return retryAfter is { } seconds ? unavailable(seconds) : fault();
            }
        }

        return retryAfter is { } wait
            ? Problems.StoreUnavailable(wait)
            : new ProblemResult(500, "internal_error", "Internal error", "the server failed; the request id identifies it in the logs");
    }
}
