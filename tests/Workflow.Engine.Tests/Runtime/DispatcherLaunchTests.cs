using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Execution;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// The dispatcher starts a worker on the thread that freed or filled the slot (its first step only posts the
/// delivery's start), and never recurses deeply when workers give their slots back at once.
/// </summary>
public sealed class DispatcherLaunchTests
{
    [Fact]
    public void A_worker_starts_on_the_thread_that_enqueued_it()
    {
        // Arrange
        var dispatcher = NewDispatcher(capacity: 4);
        int? startedOn = null;
        dispatcher.Start((_, _) =>
        {
            startedOn = Environment.CurrentManagedThreadId;
            return Task.CompletedTask;
        });

        // Act
        dispatcher.Enqueue(Item(0));

        // Assert: no thread-pool hop, so the worker has already begun when Enqueue returns.
        Assert.Equal(Environment.CurrentManagedThreadId, startedOn);
    }

    [Fact]
    public async Task Workers_that_give_their_slot_back_at_once_all_run_without_deep_recursion()
    {
        // Arrange: one slot and a long queue; each worker frees its slot before returning, as one does whose start
        // the writer refuses at once. Each freed slot launches the next worker.
        const int Items = 50_000;
        var dispatcher = NewDispatcher(capacity: 1);
        for (var i = 0; i < Items; i++)
        {
            dispatcher.Enqueue(Item(i));
        }

        var ran = 0;
        var maxDepth = 0;
        var depth = new ThreadLocal<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        dispatcher.Start((item, _) =>
        {
            depth.Value++;
            InterlockedMax(ref maxDepth, depth.Value);
            if (Interlocked.Increment(ref ran) == Items)
            {
                done.TrySetResult();
            }

            dispatcher.Release(item.Pool);
            depth.Value--;
            return Task.CompletedTask;
        });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // Assert: a launch from inside a launch goes to the pool, so a thread holds at most two workers' frames.
        Assert.Equal(Items, ran);
        Assert.InRange(maxDepth, 1, 2);
    }

    private static Dispatcher NewDispatcher(int capacity)
    {
        var options = new EngineOptions();
        options.Pools["test"] = capacity;
        return new Dispatcher(options, new LeaseTable(),
            new HandlerRegistry(new ServiceCollection().BuildServiceProvider()), TimeProvider.System);
    }

    private static WorkItem Item(int i)
    {
        var key = $"t{i}";
        var task = new RunTask(key, key, 1, "code", null, null, "test", 0, 0,
            RunTask.IdempotencyKeyFor("run", key, 1), null);
        return new WorkItem(new TaskAttempt("run", "pipeline", task), "test") { Sequence = i };
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) &&
               Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
