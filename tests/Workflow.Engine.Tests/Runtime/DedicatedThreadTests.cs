using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// A side loop (the SLA monitor's, the observer hand-off) runs on a thread of its own, off the thread pool that the
/// engine's workers continue on: its continuations, whatever completes what it awaits, come back to that thread.
/// </summary>
public sealed class DedicatedThreadTests
{
    [Fact]
    public async Task A_loop_continues_on_its_own_thread_after_every_await()
    {
        // Arrange
        var threads = new List<(string? Name, bool Pool)>();
        void Note() => threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
        var signal = new TaskCompletionSource();

        // Act: awaits completed by a timer, by the pool and by another thread.
        var loop = DedicatedThread.Run("test-dedicated", async () =>
        {
            Note();
            await Task.Delay(5);
            Note();
            await Task.Run(() => Thread.Sleep(1));
            Note();
            await signal.Task;
            Note();
        });
        _ = Task.Run(async () =>
        {
            await Task.Delay(20);
            signal.SetResult();
        });
        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(4, threads.Count);
        Assert.All(threads, t => Assert.Equal(("test-dedicated", false), t));
    }

    [Fact]
    public async Task The_task_ends_with_the_loop_and_carries_its_exception()
    {
        // Arrange, Act
        var loop = DedicatedThread.Run("test-dedicated", async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("loop failed");
        });

        // Assert
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => loop.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("loop failed", error.Message);
    }
}
