using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// Observers are called on the observer pump's own thread; one that blocks on async work (sync over async, common in
/// plug-ins) must not wait for that thread, as it would if its awaits were sent back to it.
/// </summary>
public sealed class BlockingObserverTests
{
    [Fact]
    public async Task An_observer_that_blocks_on_async_work_still_sees_every_run_to_its_end()
    {
        // Arrange
        var observer = new SyncOverAsyncObserver();
        await using var engine = await TestEngine.StartAsync(s => s.AddSingleton<IRunObserver>(observer));
        var pipeline = Pipelines.Define("blocking-observer", new TaskDefinition
        {
            Id = "t",
            Kind = "process",
            Config = Pipelines.ToJson(new { command = "true" })
        });

        // Act
        var run = await engine.StartRunAsync(pipeline);

        // Assert
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));
        Assert.Equal(RunStatus.Succeeded, await observer.Completed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private sealed class SyncOverAsyncObserver : IRunObserver
    {
        public TaskCompletionSource<RunStatus> Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void RunStarted(RunInfo run, DateTimeOffset at) => NoteAsync().GetAwaiter().GetResult();

        public void RunCompleted(RunInfo run, RunStatus status, RunSummary summary, DateTimeOffset at) =>
            Completed.TrySetResult(status);

        private static async Task NoteAsync() => await Task.Delay(10);
    }
}
