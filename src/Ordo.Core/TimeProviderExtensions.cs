namespace Ordo.Core;

public static class TimeProviderExtensions
{
    /// <summary>Now, to the millisecond: the precision the stores keep, so what is read back equals what was written.</summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
