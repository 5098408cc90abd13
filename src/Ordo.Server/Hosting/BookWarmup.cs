using System.Diagnostics;

using Ordo.Core.Engine;

namespace Ordo.Server.Hosting;

/// <summary>
/// Builds every market's order book in the background from the moment the server is built, so the HTTP
/// stack starts meanwhile; /readyz answers ready once it is done. Nothing else waits for it: a command
/// on a market whose book is not built yet builds it inside its own write (OrderBooks.For), under the
/// same writer as the warm-up, so no command ever sees a half-built book; it only pays that build.
/// </summary>
public sealed class BookWarmup(OrderEngine engine, ILogger<BookWarmup> log)
{
    private Task _loading = Task.CompletedTask;

    public bool IsDone => _loading.IsCompleted;

    /// <summary>Ends when the books are loaded (or their loading failed, which is logged, not thrown).</summary>
    public Task Loaded => _loading;

    public void Start()
    {
        var clock = Stopwatch.StartNew();
        _loading = Task.Run(async () =>
        {
            try
            {
                var resting = await engine.LoadBooksAsync();
                log.LogInformation("Order books loaded: {Orders} resting orders in {Milliseconds} ms", resting, clock.ElapsedMilliseconds);
            }
            catch (Exception e)
            {
                // Not fatal: each book is then built by the first write on its market.
                log.LogWarning(e, "Loading the order books ahead failed; each is built at its market's first write");
            }
        });
    }
}
