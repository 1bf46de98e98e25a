using System.Text.Json;
using Workflow.Execution;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunLoopFanOutTests
{
    [Fact]
    public async Task A_fan_out_dispatches_every_ready_task_before_waiting_and_fans_in_after_all_finish()
    {
        // Arrange: extract -> five loads of different lengths -> report.
        var loads = Enumerable.Range(1, 5).Select(i => Task($"load{i}", seconds: 10 * i, after: ["extract"])).ToArray();
        var definition = Pipeline("sales", [Task("extract"), .. loads,
            Task("report", after: [.. loads.Select(l => l.Id)])]);
        var port = new FakeOrchestrationPort("sales@1", T0, World());

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert: the five loads were scheduled together, after extract finished and before any of them finished.
        Assert.Equal(["extract#1", "load1#1", "load2#1", "load3#1", "load4#1", "load5#1", "report#1"], ScheduledTasks(port));
        var activities = port.History.Where(h => h.Kind == "activity" && h.Name == "RunTask").ToList();
        Assert.Equal(7, activities.Count);
        var loadsDone = port.History.Where(h => h.Name == "RunTask").Skip(1).Take(5).Max(h => h.At);
        Assert.Equal(T0 + TimeSpan.FromSeconds(10 + 50), loadsDone);
        Assert.Equal(T0 + TimeSpan.FromSeconds(10 + 50 + 10), activities[^1].At);
        Assert.NotNull(outcome);
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(7, outcome.Summary.Succeeded);
    }

    [Fact]
    public async Task The_custom_status_counts_tasks_by_status_as_the_run_progresses()
    {
        // Arrange
        var definition = Pipeline("counts", Task("a"), Task("b", seconds: 30), Task("c", after: ["a", "b"]));
        var port = new FakeOrchestrationPort("counts@1", T0, World());

        // Act
        await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert: first a and b run while c waits; at the end all three succeeded.
        var first = JsonDocument.Parse(port.CustomStatuses[0]).RootElement;
        Assert.Equal(2, first.GetProperty("Tasks").GetProperty("running").GetInt32());
        Assert.Equal(2, first.GetProperty("InFlight").GetInt32());
        var last = JsonDocument.Parse(port.CustomStatuses[^1]).RootElement;
        Assert.Equal(3, last.GetProperty("Tasks").GetProperty("succeeded").GetInt32());
        Assert.Single(last.GetProperty("Tasks").EnumerateObject());
        Assert.Equal(0, last.GetProperty("InFlight").GetInt32());
    }

    [Fact]
    public async Task A_failed_attempt_retries_on_a_durable_backoff_timer()
    {
        // Arrange: the first attempt fails after 10 s; the retry waits 30 s.
        var definition = Pipeline("flaky", Task("a", failAttempts: 1, retries: 2));
        var port = new FakeOrchestrationPort("flaky@1", T0, World());

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert
        Assert.Equal(["a#1", "a#2"], ScheduledTasks(port));
        var timer = Assert.Single(port.History, h => h.Kind == "timer");
        Assert.True(timer.At >= T0 + TimeSpan.FromSeconds(40), $"the backoff fired at {timer.At:O}");
        Assert.Equal(RunStatus.Succeeded, outcome!.Status);
    }

    [Fact]
    public async Task A_sub_pipeline_task_runs_as_a_sub_orchestration_whose_instance_id_is_the_child_run_id()
    {
        // Arrange
        var child = new Model.TaskDefinition
        {
            Id = "child",
            Kind = "sub-pipeline",
            Config = JsonSerializer.SerializeToElement(new { pipelineId = "inventory" }),
        };
        var definition = Pipeline("parent", child, Task("after", after: ["child"]));
        var port = new FakeOrchestrationPort("parent@1", T0, World());

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert
        var call = Assert.Single(port.Calls, c => c.StartsWith("sub-orchestration ", StringComparison.Ordinal));
        Assert.StartsWith($"sub-orchestration {OrchestrationNames.PipelineRun}:parent@20260105T060000Z%2Fchild%231 ", call);
        Assert.Contains("\"PipelineId\":\"inventory\"", call);
        Assert.Equal(["after#1"], ScheduledTasks(port));
        Assert.Equal(RunStatus.Succeeded, outcome!.Status);
    }
    [Fact]
    public async Task A_refused_child_fails_its_task_and_the_outcome_keeps_the_error_which_has_no_attempt_record()
    {
        // Arrange: the child's resolution refused it (a pipeline of another group), so its outcome carries the reason.
        var refusal = Security.ChildPipelineAccess.Refusal("inventory", "data-eng");
        var child = new Model.TaskDefinition
        {
            Id = "child",
            Kind = "sub-pipeline",
            Config = JsonSerializer.SerializeToElement(new { pipelineId = "inventory" }),
        };
        var definition = Pipeline("parent", child, Task("after", after: ["child"]), Task("alone"));
        var world = new FakeWorld
        {
            Activity = World().Activity,
            SubOrchestration = (name, _, _) => new FakeOutcome(TimeSpan.FromSeconds(1),
                new RunOutcome(name, RunStatus.Failed, new RunSummary(0, 0, 0, 0, 0), Error: refusal)),
        };
        var port = new FakeOrchestrationPort("parent@1", T0, world);

        // Act
        var outcome = await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert: the task's end is the decider's, as the embedded host shows it; the skipped task and the task that
        // ran (it has attempt records) are left out.
        Assert.Equal(RunStatus.Failed, outcome!.Status);
        var end = Assert.Single(outcome.TaskEnds!);
        Assert.Equal(new TaskEnd("child", Execution.TaskStatus.Failed, $"Task 'child': {refusal}"), end);
    }
}
