using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using Workflow.Model;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// A host may stop the engine twice at once (its owner's stop beside its own shutdown) and then dispose it: the
/// disposal must wait for the stop that is still running, not free the connection and the stop signal under it.
/// </summary>
public sealed class EngineStopTests
{
    [Fact]
    public async Task Disposing_while_a_stop_is_still_running_waits_for_that_stop()
    {
        // Arrange: an observer that holds the observer loop, so the engine's stop cannot finish until it is let go.
        var observer = new HoldingObserver();
        var engine = await TestEngine.StartAsync(s => s.AddSingleton<IRunObserver>(observer));
        var runtime = engine.Services.GetRequiredService<EngineRuntime>();
        var pipeline = Pipelines.Define("stop-twice", new TaskDefinition
        {
            Id = "t",
            Kind = "process",
            Config = Pipelines.ToJson(new { command = "true" })
        });
        await engine.StartRunAsync(pipeline);
        await observer.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // Act: the first stop waits on the held observer; the disposal comes while it does.
        var firstStop = runtime.StopAsync(CancellationToken.None);
        var disposal = runtime.DisposeAsync().AsTask();
        var stopDoneWhenDisposed = disposal.ContinueWith(_ => firstStop.IsCompleted, TaskScheduler.Default);
        await Task.WhenAny(disposal, Task.Delay(TimeSpan.FromSeconds(1)));
        observer.Release.SetResult();
        await disposal;
        await firstStop;
        await engine.DisposeAsync();

        // Assert
        Assert.True(await stopDoneWhenDisposed, "the disposal returned while the first stop was still running");
    }

    /// <summary>Blocks the observer loop on the first run start until released.</summary>
    private sealed class HoldingObserver : IRunObserver
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void RunStarted(RunInfo run, DateTimeOffset at)
        {
            Entered.TrySetResult();
            Release.Task.Wait(TimeSpan.FromSeconds(60));
        }
    }
}
