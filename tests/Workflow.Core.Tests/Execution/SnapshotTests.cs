using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class SnapshotTests
{
    private static readonly DateTimeOffset T0 = DeciderHarness.T0;

    private static List<RunEvent> History()
    {
        var definition = Pipeline(2,
            Task("list"),
            Task("each", "list") with { Map = new MapSpec { Over = "list" }, Timeout = TimeSpan.FromMinutes(1) },
            Task("flaky") with { Retry = new RetryPolicy { MaxAttempts = 3, Jitter = 0.3 } },
            Task("join", "each", "flaky"));
        return
        [
            new RunStarted(T0, "run-9", definition, DeciderHarness.Json("""{"day":"mon"}"""), T0),
            new TaskSucceeded(T0.AddSeconds(1), "list", 1, DeciderHarness.Json("[1,2,3]")),
            new TaskFailed(T0.AddSeconds(2), "flaky", 1, ErrorKinds.Network, "reset"),
            new TaskSucceeded(T0.AddSeconds(3), "each[0]", 1, DeciderHarness.Json("\"a\"")),
            new TimerFired(T0.AddSeconds(12), "flaky/retry/2"),
            new TimerFired(T0.AddSeconds(70), "each[1]/timeout/1"),
            new TaskSucceeded(T0.AddSeconds(71), "each[2]", 1, DeciderHarness.Json("\"c\"")),
            new TaskSucceeded(T0.AddSeconds(72), "flaky", 2, null),
            new TaskSucceeded(T0.AddSeconds(73), "each[1]", 1, null),
            new TaskFailed(T0.AddSeconds(80), "each[1]", 1, ErrorKinds.Timeout, "late"),
        ];
    }

    [Fact]
    public void Restoring_a_snapshot_and_applying_the_rest_equals_applying_every_event()
    {
        var events = History();
        var whole = RunDecider.DecideAll(RunDecider.Initial, events);

        for (var cut = 0; cut <= events.Count; cut++)
        {
            var head = RunDecider.DecideAll(RunDecider.Initial, events.Take(cut));
            var restored = RunDecider.Restore(RunDecider.Snapshot(head.State));
            var tail = RunDecider.DecideAll(restored, events.Skip(cut));

            Assert.Equal(RunJson.Serialize(whole.Commands), RunJson.Serialize([.. head.Commands, .. tail.Commands]));
            Assert.Equal(RunDecider.Snapshot(whole.State), RunDecider.Snapshot(tail.State));
        }
    }

    [Fact]
    public void The_history_used_for_snapshots_exercises_retries_timeouts_and_maps()
    {
        var whole = RunDecider.DecideAll(RunDecider.Initial, History());

        Assert.Contains(whole.Commands, c => c is StartTimer { Purpose: TimerPurpose.Retry });
        Assert.Contains(whole.Commands, c => c is CancelTask { TaskKey: "each[1]" });
        Assert.Contains(whole.Commands, c => c is RunTask { TaskKey: "each[1]", Attempt: 1 });
        Assert.Equal(RunStatus.Failed, whole.State.Status);
        Assert.Equal(TaskStatus.Skipped, whole.State.Tasks.Single(t => t.Id == "join").Status);
    }

    [Fact]
    public void Events_and_commands_round_trip_through_json()
    {
        var events = History();
        var commands = RunDecider.DecideAll(RunDecider.Initial, events).Commands;

        foreach (var e in events)
        {
            var json = RunJson.Serialize(e);
            Assert.Equal(json, RunJson.Serialize(RunJson.DeserializeEvent(json)));
        }

        foreach (var c in commands)
        {
            var json = RunJson.Serialize(c);
            Assert.Equal(json, RunJson.Serialize(RunJson.DeserializeCommand(json)));
        }

        Assert.Contains("\"type\":\"run-task\"", RunJson.Serialize(commands), StringComparison.Ordinal);
    }
}
