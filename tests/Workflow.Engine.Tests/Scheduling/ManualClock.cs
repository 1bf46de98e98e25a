namespace Workflow.Engine.Tests.Scheduling;

/// <summary>
/// A clock the test moves by hand. Only "now" is manual: timers the engine creates still run on real time, which
/// is all its internal loops need, while everything the scheduler decides depends on <see cref="GetUtcNow"/>.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset instant) => Interlocked.Exchange(ref _ticks, instant.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
