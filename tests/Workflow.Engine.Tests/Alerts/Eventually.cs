namespace Workflow.Engine.Tests.Alerts;

/// <summary>Polls a condition until it holds or a generous deadline passes; never a fixed sleep.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int seconds = 60)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {seconds}s waiting for {what}; last value: {value}");
            }

            await Task.Delay(25);
        }
    }
}
