namespace Workflow.Tests.Shared;

/// <summary>Waits for a condition by polling with a generous deadline, never by sleeping a fixed time.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {seconds}s.");
            }

            await Task.Delay(20);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, int seconds = 60) =>
        UntilAsync(() => Task.FromResult(condition()), what, seconds);
}
