using System.Text.Json;
using Workflow.Durable.Sla;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests.Sla;

public sealed class SlaOrchestrationLoopTests
{
    private static readonly PipelineDefinition Watched = Pipeline("watched",
        Task("a") with { ExpectedDuration = TimeSpan.FromMinutes(1) },
        Task("b", after: ["a"]) with { ExpectedDuration = TimeSpan.FromMinutes(1) });

    private static MonitorStarted Start() => new(T0, "watched@1", Watched, new Dictionary<string, DurationEstimate>(),
        T0 + TimeSpan.FromMinutes(30));

    /// <summary>Task a runs 3 minutes against an expected 1; b takes 30 s; the run ends at T0+3m45s.</summary>
    private static FakeWorld World()
    {
        var world = new FakeWorld { Activity = (_, _, _) => new FakeOutcome(TimeSpan.FromSeconds(1), true) };
        void Raise(TimeSpan at, SlaEvent e) =>
            world.Events.Add(new FakeRaisedEvent(T0 + at, OrchestrationNames.SlaEvent, new SlaEventEnvelope(e)));
        Raise(TimeSpan.Zero, new TaskStarted(T0, "a", 1));
        Raise(TimeSpan.FromMinutes(3), new TaskFinished(T0 + TimeSpan.FromMinutes(3), "a", 1, TaskOutcome.Succeeded));
        Raise(TimeSpan.FromMinutes(3), new TaskStarted(T0 + TimeSpan.FromMinutes(3), "b", 1));
        var bDone = TimeSpan.FromSeconds(210);
        var runDone = TimeSpan.FromSeconds(225);
        Raise(bDone, new TaskFinished(T0 + bDone, "b", 1, TaskOutcome.Succeeded));
        Raise(runDone, new RunFinished(T0 + runDone, RunStatus.Succeeded));
        return world;
    }

    private static List<JsonElement> PublishedAlerts(FakeOrchestrationPort port) =>
        port.Calls.Where(c => c.StartsWith($"activity {OrchestrationNames.PublishAlertActivity} ", StringComparison.Ordinal))
            .Select(c => JsonDocument.Parse(c[$"activity {OrchestrationNames.PublishAlertActivity} ".Length..]).RootElement)
            .ToList();

    [Fact]
    public async Task A_slow_task_raises_an_alert_on_its_durable_timer_and_clears_it_when_the_task_finishes()
    {
        // Arrange
        var port = new FakeOrchestrationPort("watched@1!sla", T0, World());

        // Act
        var completed = await SlaOrchestrationLoop.RunAsync(port, SlaMonitorInput.FromStart(Start()));

        // Assert
        Assert.True(completed);
        var alerts = PublishedAlerts(port);
        var raised = Assert.Single(alerts, a => a.GetProperty("Raised").ValueKind == JsonValueKind.Object);
        Assert.Equal((int)AlertKind.SlowTask, raised.GetProperty("Raised").GetProperty("Kind").GetInt32());
        Assert.Equal("a", raised.GetProperty("Raised").GetProperty("TaskKey").GetString());
        var cleared = Assert.Single(alerts, a => a.GetProperty("ClearedId").ValueKind == JsonValueKind.String);
        Assert.Equal(raised.GetProperty("Raised").GetProperty("Id").GetString(), cleared.GetProperty("ClearedId").GetString());
        var slowTimer = port.History.Single(h => h.Kind == "timer");
        Assert.Equal(T0 + TimeSpan.FromMinutes(1), slowTimer.At);
    }

    [Fact]
    public async Task An_attempt_that_ends_before_its_slow_limit_cancels_its_durable_timer()
    {
        // Arrange: a ends after 30 s of its 1-minute limit; b then runs long, so the monitor is still waiting at 1 min.
        var world = new FakeWorld { Activity = (_, _, _) => new FakeOutcome(TimeSpan.FromSeconds(1), true) };
        void Raise(TimeSpan at, SlaEvent e) =>
            world.Events.Add(new FakeRaisedEvent(T0 + at, OrchestrationNames.SlaEvent, new SlaEventEnvelope(e)));
        var aDone = TimeSpan.FromSeconds(30);
        Raise(TimeSpan.Zero, new TaskStarted(T0, "a", 1));
        Raise(aDone, new TaskFinished(T0 + aDone, "a", 1, TaskOutcome.Succeeded));
        Raise(aDone, new TaskStarted(T0 + aDone, "b", 1));
        Raise(TimeSpan.FromSeconds(150), new TaskFinished(T0 + TimeSpan.FromSeconds(150), "b", 1, TaskOutcome.Succeeded));
        Raise(TimeSpan.FromSeconds(160), new RunFinished(T0 + TimeSpan.FromSeconds(160), RunStatus.Succeeded));
        var port = new FakeOrchestrationPort("watched@1!sla", T0, world);

        // Act
        await SlaOrchestrationLoop.RunAsync(port, SlaMonitorInput.FromStart(Start()));

        // Assert: a's timer (due at 1 min) was cancelled when a ended and never fired; b's (at 90 s) did.
        Assert.Contains($"cancel timer {(T0 + TimeSpan.FromMinutes(1)):O}", port.Calls);
        var fired = Assert.Single(port.History, h => h.Kind == "timer");
        Assert.Equal(T0 + TimeSpan.FromSeconds(90), fired.At);
    }

    [Fact]
    public async Task A_finished_monitor_cancels_its_remaining_timers_so_the_orchestration_completes()
    {
        // Arrange
        var port = new FakeOrchestrationPort("watched@1!sla", T0, World());

        // Act
        await SlaOrchestrationLoop.RunAsync(port, SlaMonitorInput.FromStart(Start()));

        // Assert: the 30-minute deadline timer was cancelled, not left pending.
        Assert.Contains($"cancel timer {(T0 + TimeSpan.FromMinutes(30)):O}", port.Calls);
        Assert.Equal(T0 + TimeSpan.FromSeconds(225), port.CurrentUtcDateTime);
    }

    [Fact]
    public async Task The_monitor_replays_its_history_to_the_same_calls_and_continues_as_new_with_its_timers()
    {
        // Arrange
        var live = new FakeOrchestrationPort("watched@1!sla", T0, World());
        await SlaOrchestrationLoop.RunAsync(live, SlaMonitorInput.FromStart(Start()));

        // Act
        var replay = new FakeOrchestrationPort("watched@1!sla", T0, new FakeWorld(), live.History);
        var replayed = await SlaOrchestrationLoop.RunAsync(replay, SlaMonitorInput.FromStart(Start()));
        var split = new FakeOrchestrationPort("watched@1!sla", T0, World());
        var first = await SlaOrchestrationLoop.RunAsync(split, SlaMonitorInput.FromStart(Start()),
            new SlaLoopOptions { MaxEventsPerGeneration = 2 });
        var snapshot = split.ReadContinuedWith<SlaMonitorInput>().Snapshot!;

        // Assert
        Assert.True(replayed);
        Assert.Equal(live.Calls, replay.Calls);
        Assert.False(first);
        Assert.Equal(1, snapshot.Generation);
        Assert.Contains(snapshot.Timers, t => t.DueAt == T0 + TimeSpan.FromMinutes(30));
        Assert.Equal("watched@1", snapshot.State.Deserialize<SlaMonitorState>()!.RunId);
    }
}
