using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Services;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Functions.Tests.Services;

public sealed class RunViewsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
    private static readonly Model.PipelineDefinition Definition = Pipeline("sales",
        Code("extract", "noop"), Code("load", "noop", null, "extract"), Code("report", "noop", null, "load"));

    private static readonly PipelineRunInput Input = PipelineRunInput.FromRequest(
        new RunRequest("sales@x", "sales", RunTrigger.Schedule, T0));

    private static TaskAttemptRecord Attempt(string key, int attempt, TaskStatus status, int minute) =>
        new("sales@x", key, attempt, status, T0.AddMinutes(minute), T0.AddMinutes(minute),
            status == TaskStatus.Running ? null : T0.AddMinutes(minute + 1), null,
            status == TaskStatus.Failed ? "boom" : null, null, 10);

    [Fact]
    public void A_running_instance_reads_its_status_from_the_custom_status_and_its_trigger_from_the_input()
    {
        // Arrange
        var progress = new RunProgress("sales@x", RunStatus.Running, new Dictionary<string, int> { ["running"] = 1 },
            1, 0, 0, 3);
        var view = new RunInstanceView("sales@x", "Running", T0, T0.AddMinutes(2), Input, progress, null);

        // Act
        var record = RunRecords.From(view, new PipelineRecord(Definition, 4, "\"v4\"", T0, "ada"));

        // Assert
        Assert.Equal(RunStatus.Running, record.Status);
        Assert.Equal(RunTrigger.Schedule, record.Trigger);
        Assert.Equal("team", record.OwnerGroup);
        Assert.Null(record.FinishedAt);
    }

    [Fact]
    public void A_run_started_on_a_pinned_version_reports_that_version_after_the_pipeline_changed()
    {
        var input = PipelineRunInput.FromRequest(new RunRequest("sales@x", "sales", RunTrigger.Api, T0,
            PinnedVersion: 3));
        var view = new RunInstanceView("sales@x", "Completed", T0, T0, input, null, null);

        var progress = new RunProgress("sales@x", RunStatus.Running, new Dictionary<string, int>(), 0, 0, 0, 1,
            PipelineVersion: 2);

        var pinned = RunRecords.From(view, new PipelineRecord(Definition, 4, "\"v4\"", T0, "ada"));
        var resolved = RunRecords.From(view with { Input = Input, Progress = progress },
            new PipelineRecord(Definition, 4, "\"v4\"", T0, "ada"));

        Assert.Equal(3, pinned.PipelineVersion);
        Assert.Equal(2, resolved.PipelineVersion);
    }

    [Fact]
    public void A_continued_run_whose_status_an_older_build_wrote_reads_its_version_from_the_snapshot()
    {
        // Arrange: a snapshot's decider state pinned to version 2, and a custom status without the version.
        var started = RunDecider.Decide(RunDecider.Initial,
            new RunStarted(T0, "sales@x", Definition with { Version = 2 }, null, T0));
        var state = System.Text.Json.JsonDocument.Parse(RunJson.Serialize(started.State)).RootElement.Clone();
        var snapshot = new RunSnapshot("sales@x", "sales", 1, 10, state, [], []);
        var progress = new RunProgress("sales@x", RunStatus.Running, new Dictionary<string, int>(), 0, 0, 1, 10);
        var view = new RunInstanceView("sales@x", "Running", T0, T0, PipelineRunInput.FromSnapshot(snapshot), progress,
            null);

        // Act
        var record = RunRecords.From(view, null);

        // Assert
        Assert.Equal(2, record.PipelineVersion);
    }

    [Theory]
    [InlineData("Completed", RunStatus.Failed)]
    [InlineData("Failed", RunStatus.Failed)]
    [InlineData("Terminated", RunStatus.Cancelled)]
    [InlineData("Pending", RunStatus.Queued)]
    [InlineData("ContinuedAsNew", RunStatus.Running)]
    public void Durable_runtime_statuses_map_to_run_statuses(string runtime, RunStatus expected)
    {
        // Arrange: a completed instance reports the loop's outcome, which here is a failed run.
        var output = new RunOutcome("sales@x", RunStatus.Failed, new RunSummary(1, 1, 1, 0, 3));
        var view = new RunInstanceView("sales@x", runtime, T0, T0.AddMinutes(5), Input, null, output);

        // Act
        var status = RunRecords.StatusOf(view);

        // Assert
        Assert.Equal(expected, status);
    }

    [Fact]
    public void Tasks_show_their_latest_attempt_and_never_started_tasks_follow_the_run()
    {
        // Arrange
        var attempts = new[]
        {
            Attempt("extract", 1, TaskStatus.Failed, 0),
            Attempt("extract", 2, TaskStatus.Succeeded, 2),
            Attempt("load", 1, TaskStatus.Failed, 4),
        };

        // Act
        var running = TaskRecords.Build(Definition, attempts, RunStatus.Running);
        var failed = TaskRecords.Build(Definition, attempts, RunStatus.Failed);

        // Assert
        Assert.Equal(["extract", "load", "report"], running.Select(t => t.TaskKey));
        Assert.Equal((TaskStatus.Succeeded, 2), (running[0].Status, running[0].Attempts));
        Assert.Equal(T0, running[0].StartedAt);
        Assert.Equal("boom", running[1].Error);
        Assert.Equal(TaskStatus.Pending, running[2].Status);
        Assert.Equal(TaskStatus.Skipped, failed[2].Status);
        Assert.Equal(["load"], failed[2].DependsOn);
    }

    [Fact]
    public void A_long_error_is_cut_so_the_custom_status_stays_under_Durables_limit()
    {
        // Act
        var progress = RunProgress.Failed("sales@x", new string('x', 50_000));

        // Assert
        Assert.Equal(RunProgress.MaxErrorLength, progress.Error!.Length);
        Assert.True(System.Text.Json.JsonSerializer.Serialize(progress).Length < 16 * 1024);
    }

    [Fact]
    public void A_delay_waiting_on_its_timer_shows_running_from_the_custom_status_and_succeeded_once_over()
    {
        // Arrange: the decider starts a run whose delay waits on its timer, as the orchestration does.
        var delay = new Model.TaskDefinition
        {
            Id = "wait",
            Kind = "delay",
            Config = System.Text.Json.JsonDocument.Parse("""{"duration":"1h"}""").RootElement.Clone(),
        };
        var definition = Definition with { Tasks = [.. Definition.Tasks, delay] };
        var started = RunDecider.Decide(RunDecider.Initial, new RunStarted(T0, "sales@x", definition, null, T0));
        var timer = started.Commands.OfType<StartTimer>().Single(t => t.TaskKey == "wait");

        // Act: the status goes through JSON, as Durable stores it (the decider goes on in the same state object).
        static RunProgress Stored(RunState state) => System.Text.Json.JsonSerializer.Deserialize<RunProgress>(
            System.Text.Json.JsonSerializer.Serialize(RunProgress.Of(state, 0, 1, 1, 0)))!;
        var waiting = TaskRecords.Build(definition, [], RunStatus.Running,
            deciderTasks: Stored(started.State).DeciderTaskStatuses(definition));
        var over = RunDecider.Decide(started.State, new TimerFired(T0.AddHours(1), timer.TimerId));
        var done = TaskRecords.Build(definition, [], RunStatus.Running,
            deciderTasks: Stored(over.State).DeciderTaskStatuses(definition));

        // Assert
        Assert.Equal(TaskStatus.Running, waiting.Single(t => t.TaskKey == "wait").Status);
        Assert.Equal(TaskStatus.Pending, waiting.Single(t => t.TaskKey == "load").Status);
        Assert.Equal(TaskStatus.Succeeded, done.Single(t => t.TaskKey == "wait").Status);
    }
}
