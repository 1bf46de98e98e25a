using Workflow.Execution;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunLoopTimerTests
{
    [Fact]
    public async Task When_the_timeout_fires_first_the_attempt_fails_as_timed_out_and_its_late_result_is_ignored()
    {
        // Arrange: the task needs 10 minutes, its timeout is 1 minute, and it has no retry.
        var definition = Pipeline("slow", Task("a", seconds: 600, timeout: TimeSpan.FromMinutes(1)), Task("b", after: ["a"]));
        var port = new FakeOrchestrationPort("slow@1", T0, World());

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert: the timer won at T0+1m, the run failed then, and b never ran.
        var timer = Assert.Single(port.History, h => h.Kind == "timer");
        Assert.Equal(T0 + TimeSpan.FromMinutes(1), timer.At);
        Assert.DoesNotContain(port.History, h => h.Kind == "activity" && h.Name == OrchestrationNames.RunTaskActivity);
        Assert.Equal(["a#1"], ScheduledTasks(port));
        Assert.Equal(RunStatus.Failed, outcome!.Status);
        Assert.Equal(1, outcome.Summary.Failed);
    }

    [Fact]
    public async Task When_the_task_finishes_first_its_timeout_timer_is_cancelled_so_the_orchestration_can_end()
    {
        // Arrange: the task needs 10 seconds against a 1 minute timeout.
        var definition = Pipeline("quick", Task("a", seconds: 10, timeout: TimeSpan.FromMinutes(1)));
        var port = new FakeOrchestrationPort("quick@1", T0, World());

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert
        Assert.Contains($"cancel timer {(T0 + TimeSpan.FromMinutes(1)):O}", port.Calls);
        Assert.DoesNotContain(port.History, h => h.Kind == "timer");
        Assert.Equal(RunStatus.Succeeded, outcome!.Status);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_and_the_retry_can_succeed()
    {
        // Arrange: attempt 1 hangs past its 1 minute timeout; attempt 2 finishes within it.
        var slowFirst = Task("a", seconds: 10, timeout: TimeSpan.FromMinutes(1), retries: 1);
        var world = World();
        var hangOnce = new FakeWorld
        {
            Activity = (name, input, at) =>
            {
                var outcome = world.Activity(name, input, at);
                var attempt = input.TryGetProperty("Task", out var t) ? t.GetProperty("Attempt").GetInt32() : 0;
                return attempt == 1 ? outcome with { Duration = TimeSpan.FromHours(1) } : outcome;
            },
        };
        var port = new FakeOrchestrationPort("retry@1", T0, hangOnce);

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port,
            PipelineRunInput.FromStart(Start(Pipeline("retry", slowFirst))));

        // Assert
        Assert.Equal(["a#1", "a#2"], ScheduledTasks(port));
        Assert.Equal(RunStatus.Succeeded, outcome!.Status);
    }

    [Fact]
    public async Task A_cancel_event_cancels_the_run_and_every_pending_timer()
    {
        // Arrange: two long tasks with timeouts; a cancel request arrives after 30 seconds.
        var definition = Pipeline("long",
            Task("a", seconds: 600, timeout: TimeSpan.FromHours(1)),
            Task("b", seconds: 600, timeout: TimeSpan.FromHours(1)));
        var world = World();
        world.Events.Add(new FakeRaisedEvent(T0 + TimeSpan.FromSeconds(30), OrchestrationNames.CancelEvent,
            new CancelRunRequest(Reason: "operator asked")));
        var port = new FakeOrchestrationPort("long@1", T0, world);

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert
        Assert.Equal(RunStatus.Cancelled, outcome!.Status);
        Assert.Equal(2, port.Calls.Count(c => c.StartsWith("cancel timer ", StringComparison.Ordinal)));
        Assert.Contains(port.Calls, c => c == $"cancel event {OrchestrationNames.CancelEvent}");
        Assert.Equal(T0 + TimeSpan.FromSeconds(30), port.CurrentUtcDateTime);
    }

    [Fact]
    public async Task A_request_for_an_unknown_pipeline_fails_the_run_without_faulting_the_orchestration()
    {
        // Arrange
        var world = new FakeWorld
        {
            Activity = (name, _, _) => name switch
            {
                OrchestrationNames.ResolveRunActivity => new FakeOutcome(TimeSpan.FromSeconds(1),
                    new RunResolution(null, "Pipeline 'ghost' does not exist.")),
                _ => new FakeOutcome(TimeSpan.FromSeconds(1), true),
            },
        };
        var port = new FakeOrchestrationPort("ghost@1", T0, world);
        var request = new RunRequest("ghost@manual-1", "ghost", Services.RunTrigger.Api);

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromRequest(request));

        // Assert
        Assert.Equal(RunStatus.Failed, outcome!.Status);
        Assert.Contains("does not exist", port.CustomStatuses[^1], StringComparison.Ordinal);
        Assert.Contains(port.Calls, c => c.StartsWith($"activity {OrchestrationNames.PublishNotificationActivity} ",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_is_resolved_by_an_activity_and_then_runs_the_pinned_definition()
    {
        // Arrange
        var definition = Pipeline("pinned", Task("a"));
        var world = World();
        var resolving = new FakeWorld
        {
            Activity = (name, input, at) => name == OrchestrationNames.ResolveRunActivity
                ? new FakeOutcome(TimeSpan.FromSeconds(2), new RunResolution(Start(definition, "pinned@manual-1")))
                : world.Activity(name, input, at),
        };
        var port = new FakeOrchestrationPort("pinned@manual-1", T0, resolving);

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port,
            PipelineRunInput.FromRequest(new RunRequest("pinned@manual-1", "pinned", Services.RunTrigger.Manual)));

        // Assert
        Assert.Equal(["a#1"], ScheduledTasks(port));
        Assert.Equal(new RunOutcome("pinned@manual-1", RunStatus.Succeeded, new RunSummary(1, 0, 0, 0, 1)),
            outcome! with { Kept = null });
        Assert.Equal(["a"], outcome.Kept!.Keys);
    }
}
