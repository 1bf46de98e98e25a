using System.Text.Json;
using Workflow.Execution;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunLoopSuspendTests
{
    private static List<JsonElement> RunTaskInputs(FakeOrchestrationPort port) =>
        port.Calls.Where(c => c.StartsWith("activity RunTask ", StringComparison.Ordinal))
            .Select(c => JsonDocument.Parse(c["activity RunTask ".Length..]).RootElement)
            .ToList();

    [Fact]
    public async Task A_suspended_attempt_waits_on_a_durable_timer_and_runs_again_with_its_state()
    {
        // Arrange: the task suspends twice (each call takes 1 s and asks to resume 30 s later), then succeeds.
        var port = new FakeOrchestrationPort("poll@1", T0, World());

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(Pipeline("poll",
            Polling("wait", polls: 2)))));

        // Assert: three calls of one attempt, the later ones carrying the state; resumes at 31 s and 62 s.
        var inputs = RunTaskInputs(port);
        Assert.Equal(3, inputs.Count);
        Assert.All(inputs, i => Assert.Equal(1, i.GetProperty("Task").GetProperty("Attempt").GetInt32()));
        Assert.Equal(JsonValueKind.Null, inputs[0].GetProperty("ResumeState").ValueKind);
        Assert.Equal([1, 2], inputs.Skip(1).Select(i => i.GetProperty("ResumeState").GetProperty("n").GetInt32()));
        Assert.Equal([T0.AddSeconds(31), T0.AddSeconds(62)], port.History.Where(h => h.Kind == "timer").Select(h => h.At));
        Assert.Equal(RunStatus.Succeeded, outcome!.Status);
        Assert.Equal(1, outcome.Summary.Succeeded);
    }

    [Fact]
    public async Task A_suspended_attempt_still_races_its_timeout()
    {
        // Arrange: ten polls need about five minutes; the timeout is two.
        var port = new FakeOrchestrationPort("poll@1", T0, World());

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(Pipeline("poll",
            Polling("wait", polls: 10, timeout: TimeSpan.FromMinutes(2))))));

        // Assert: the run fails at the timeout, and the pending resume timer is cancelled, not left behind.
        Assert.Equal(RunStatus.Failed, outcome!.Status);
        Assert.Equal(T0.AddMinutes(2), port.CurrentUtcDateTime);
        Assert.Single(port.Calls, c => c.StartsWith("cancel timer ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_suspended_attempt_is_carried_through_continue_as_new_and_resumes_on_time()
    {
        // Arrange: quick tasks use up the generation's events while 'wait' is suspended.
        var definition = Pipeline("mixed", Polling("wait", polls: 3), Task("a", 5), Task("b", 6), Task("c", 7));
        var options = new RunLoopOptions { MaxEventsPerGeneration = 3 };
        var first = new FakeOrchestrationPort("mixed@1", T0, World());
        await RunOrchestrationLoop.RunAsync(first, PipelineRunInput.FromStart(Start(definition)), options);
        var input = first.ReadContinuedWith<PipelineRunInput>();

        // Act
        var second = new FakeOrchestrationPort("mixed@1", first.CurrentUtcDateTime, World());
        var outcome = await RunOrchestrationLoop.RunAsync(second, input, new RunLoopOptions { MaxEventsPerGeneration = 0 });

        // Assert
        var carried = Assert.Single(input.Snapshot!.Held);
        Assert.NotNull(carried.ResumeAt);
        Assert.Equal(T0.AddSeconds(31), carried.ResumeAt);
        Assert.Equal(RunStatus.Succeeded, outcome!.Status);
        Assert.Equal(4, outcome.Summary.Succeeded);
        Assert.Equal(3, RunTaskInputs(second).Count(i => i.GetProperty("Task").GetProperty("TaskKey").GetString() == "wait"));
    }
}
