using Workflow.Execution;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunLoopReplayTests
{
    /// <summary>Retries, a timeout racing a slow task, a fan-out and a fan-in: enough to exercise every path.</summary>
    private static readonly Model.PipelineDefinition Busy = Pipeline("busy",
        Task("extract", failAttempts: 1, retries: 2),
        Task("slow", seconds: 600, after: ["extract"], timeout: TimeSpan.FromMinutes(2)),
        Task("fast1", seconds: 5, after: ["extract"]),
        Task("fast2", seconds: 15, after: ["extract"], timeout: TimeSpan.FromMinutes(5)),
        Task("merge", after: ["fast1", "fast2"]));

    private static FakeWorld Unreachable() => new()
    {
        Activity = (name, _, _) => throw new InvalidOperationException($"A full replay must not run activity '{name}'."),
    };

    [Fact]
    public async Task Running_the_loop_again_over_its_recorded_history_makes_the_same_calls_and_outcome()
    {
        // Arrange: a live run records its history.
        var live = new FakeOrchestrationPort("busy@1", T0, World());
        var first = await RunOrchestrationLoop.RunAsync(live, PipelineRunInput.FromStart(Start(Busy)));

        // Act: a fresh loop replays that history with a world that would throw if anything ran for real.
        var replay = new FakeOrchestrationPort("busy@1", T0, Unreachable(), live.History);
        var second = await RunOrchestrationLoop.RunAsync(replay, PipelineRunInput.FromStart(Start(Busy)));

        // Assert
        Assert.True(live.Calls.Count > 10, $"the scenario made only {live.Calls.Count} calls");
        Assert.Equal(live.Calls, replay.Calls);
        Assert.Equal(live.CustomStatuses, replay.CustomStatuses);
        Assert.Equal(first, second);
        Assert.Equal(RunStatus.Failed, first!.Status);
    }

    [Fact]
    public async Task A_loop_resumed_from_part_of_its_history_continues_exactly_as_the_uninterrupted_run()
    {
        // Arrange
        var live = new FakeOrchestrationPort("busy@1", T0, World());
        await RunOrchestrationLoop.RunAsync(live, PipelineRunInput.FromStart(Start(Busy)));

        for (var cut = 1; cut < live.History.Count; cut++)
        {
            // Act: replay the first 'cut' completions, then run live (the host was recycled mid-run).
            var resumed = new FakeOrchestrationPort("busy@1", T0, World(), live.History.Take(cut).ToList());
            await RunOrchestrationLoop.RunAsync(resumed, PipelineRunInput.FromStart(Start(Busy)));

            // Assert
            Assert.Equal(live.Calls, resumed.Calls);
            Assert.Equal(live.History, resumed.History);
        }
    }

    [Fact]
    public async Task A_history_that_no_longer_matches_the_code_fails_loudly_instead_of_diverging()
    {
        // Arrange: record a run, then replay it with a first task that is now a delay (a timer, not an activity).
        var live = new FakeOrchestrationPort("busy@1", T0, World());
        await RunOrchestrationLoop.RunAsync(live, PipelineRunInput.FromStart(Start(Busy)));
        var delay = Busy.Tasks[0] with
        {
            Kind = "delay",
            Config = System.Text.Json.JsonSerializer.SerializeToElement(new { duration = "1m" }),
        };
        var changed = Busy with { Tasks = [delay, .. Busy.Tasks.Skip(1)] };

        // Act
        var replay = new FakeOrchestrationPort("busy@1", T0, Unreachable(), live.History);
        var error = await Record.ExceptionAsync(() =>
            RunOrchestrationLoop.RunAsync(replay, PipelineRunInput.FromStart(Start(changed))));

        // Assert
        Assert.IsType<InvalidOperationException>(error);
    }
}
