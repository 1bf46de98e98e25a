using System.Diagnostics;

namespace Workflow.Tests.Shared;

/// <summary>
/// The one way tests wait for something: ask again until it holds or a generous deadline passes (machines running
/// the tests are loaded), never a fixed sleep. A timeout names what was awaited and the last thing seen.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Asks <paramref name="probe"/> until <paramref name="done"/> holds for its answer, and returns it.</summary>
    /// <param name="what">What is awaited, for the timeout's message ("run r1 to finish").</param>
    /// <param name="describe">The last answer as the timeout's message shows it; its ToString by default.</param>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what,
        TimeSpan? timeout = null, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                var last = describe is null ? value?.ToString() : describe(value);
                throw new TimeoutException($"Gave up waiting for {what} after {limit}; last seen: {last}");
            }

            await Task.Delay(Interval);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 60) =>
        GetAsync(condition, holds => holds, what, TimeSpan.FromSeconds(seconds));

    public static Task UntilAsync(Func<bool> condition, string what, int seconds = 60) =>
        UntilAsync(() => Task.FromResult(condition()), what, seconds);
}
