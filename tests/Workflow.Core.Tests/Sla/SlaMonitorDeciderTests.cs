using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;
using static Workflow.Core.Tests.Sla.SlaFixtures;

namespace Workflow.Core.Tests.Sla;

public class SlaMonitorDeciderTests
{
    private static (SlaMonitorState State, List<SlaCommand> Commands) Run(params SlaEvent[] events)
    {
        var state = SlaMonitorState.Initial;
        var all = new List<SlaCommand>();
        foreach (var e in events)
        {
            var decision = SlaMonitorDecider.Decide(state, e);
            state = decision.State;
            all.AddRange(decision.Commands);
        }

        return (state, all);
    }

    private static MonitorStarted Started(PipelineDefinition d, DateTimeOffset? deadline = null,
        IReadOnlyDictionary<string, DurationEstimate>? estimates = null) =>
        new(T0, "chain@1", d, estimates ?? Hourly(d), deadline);

    private static List<Alert> Raised(IEnumerable<SlaCommand> commands) =>
        commands.OfType<RaiseAlert>().Select(r => r.Alert).ToList();

    [Fact]
    public void A_task_past_its_p95_times_the_slow_factor_raises_slow_task_once_and_clears_when_it_finishes()
    {
        var d = Chain(new SlaPolicy { SlowFactor = 2 });
        var (_, starting) = Run(Started(d), new TaskStarted(T0, "a", 1));
        var timer = starting.OfType<StartMonitorTimer>().Single(t => t.TimerId.StartsWith("slow/", StringComparison.Ordinal));

        var (state, commands) = Run(Started(d), new TaskStarted(T0, "a", 1),
            new MonitorTimerFired(timer.DueAt, timer.TimerId), new MonitorTimerFired(timer.DueAt, timer.TimerId),
            new TaskFinished(T0 + H(3), "a", 1, TaskOutcome.Succeeded));

        Assert.Equal(T0 + H(2.5), timer.DueAt);
        var alert = Assert.Single(Raised(commands), a => a.Kind == AlertKind.SlowTask);
        Assert.Equal("chain@1/slow-task/a", alert.Id);
        Assert.Equal(H(2.5), alert.Threshold);
        Assert.Contains(commands, c => c is ClearAlert { AlertId: "chain@1/slow-task/a" });
        Assert.DoesNotContain(alert.Id, state.OpenAlerts);
    }

    [Fact]
    public void A_slow_timer_for_an_attempt_that_already_ended_raises_nothing()
    {
        var d = Chain();
        var (_, commands) = Run(Started(d), new TaskStarted(T0, "a", 1),
            new TaskFinished(T0 + H(1), "a", 1, TaskOutcome.Succeeded),
            new MonitorTimerFired(T0 + H(2), MonitorTimers.SlowTimerId("a", 1)));

        Assert.DoesNotContain(Raised(commands), a => a.Kind == AlertKind.SlowTask);
    }

    [Fact]
    public void An_attempt_that_ends_cancels_its_slow_timer_and_an_untimed_one_cancels_nothing()
    {
        var d = Chain();
        var defaults = d.Tasks.ToDictionary(t => t.Id, _ => DurationEstimate.Fixed(M(5), EstimateSource.Default));

        var (_, timed) = Run(Started(d), new TaskStarted(T0, "a", 1),
            new TaskFinished(T0 + H(1), "a", 1, TaskOutcome.Failed));
        var (_, untimed) = Run(Started(d, estimates: defaults), new TaskStarted(T0, "a", 1),
            new TaskFinished(T0 + H(1), "a", 1, TaskOutcome.Succeeded));

        Assert.Contains(timed, c => c is CancelMonitorTimer { TimerId: var id } && id == MonitorTimers.SlowTimerId("a", 1));
        Assert.DoesNotContain(untimed, c => c is CancelMonitorTimer);
    }

    [Fact]
    public void Tasks_known_only_by_the_default_estimate_are_never_called_slow()
    {
        var d = Chain();
        var estimates = d.Tasks.ToDictionary(t => t.Id, _ => DurationEstimate.Fixed(M(5), EstimateSource.Default));

        var (_, commands) = Run(Started(d, estimates: estimates), new TaskStarted(T0, "a", 1));

        Assert.DoesNotContain(commands, c => c is StartMonitorTimer t && t.TimerId.StartsWith("slow/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_configured_expected_duration_is_itself_the_slow_limit()
    {
        var threshold = SlownessRules.SlowThreshold(DurationEstimate.Fixed(M(20), EstimateSource.Configured), 3);

        Assert.Equal(M(20), threshold);
    }

    [Fact]
    public void A_forecast_past_the_deadline_raises_at_risk_before_the_deadline_and_it_clears_when_the_run_recovers()
    {
        // Three tasks of p50 1h / p95 1h15m in a chain, and a deadline 3h55m away: on track at the start.
        // The plain sum of p95s keeps the arithmetic checkable by hand.
        var d = Chain();
        var deadline = T0 + H(3.75) + M(10);
        var settings = new SlaMonitorSettings
        {
            ClearHysteresis = M(5),
            ExtrapolateSlowdown = false,
            Mode = ForecastMode.SumOfP95,
        };
        var (state, _) = Run(new MonitorStarted(T0, "chain@1", d, Hourly(d), deadline, settings),
            new TaskStarted(T0, "a", 1));

        var atFiveMinutes = SlaMonitorDecider.Decide(state, new MonitorTimerFired(T0 + M(5), state.EvaluationTimer!));
        state = atFiveMinutes.State;
        var atTwoHours = SlaMonitorDecider.Decide(state, new MonitorTimerFired(T0 + H(2), state.EvaluationTimer!));
        state = atTwoHours.State;

        // a overran: at 2h the forecast is 2h + (2h - 1h15m) + 2 × 1h15m = 5h15m, past 3h55m.
        Assert.DoesNotContain(atFiveMinutes.Commands, c => c is RaiseAlert);
        var risk = Assert.Single(Raised(atTwoHours.Commands), a => a.Kind == AlertKind.DeadlineAtRisk);
        Assert.Equal(T0 + H(5.25), risk.PredictedFinish);
        Assert.Equal(deadline, risk.Deadline);

        // Then a ends, which still leaves 2h30m, and b is skipped: 1h15m left, so the run is back on track.
        var aEnds = SlaMonitorDecider.Decide(state, new TaskFinished(T0 + H(2.1), "a", 1, TaskOutcome.Succeeded));
        var bSkipped = SlaMonitorDecider.Decide(aEnds.State, new TaskFinished(T0 + H(2.1), "b", 1, TaskOutcome.Skipped));
        Assert.DoesNotContain(aEnds.Commands, c => c is ClearAlert);
        Assert.Contains(bSkipped.Commands, c => c is ClearAlert { AlertId: "chain@1/deadline-at-risk" });
    }

    [Fact]
    public void Reaching_the_deadline_while_running_raises_deadline_missed_and_supersedes_at_risk()
    {
        var d = Chain();
        var deadline = T0 + H(1);

        var (state, commands) = Run(Started(d, deadline), new TaskStarted(T0, "a", 1),
            new MonitorTimerFired(deadline, "deadline"));

        Assert.Contains(commands, c => c is StartMonitorTimer { TimerId: "deadline" } t && t.DueAt == deadline);
        var missed = Assert.Single(Raised(commands), a => a.Kind == AlertKind.DeadlineMissed);
        Assert.Equal(AlertSeverity.Critical, missed.Severity);
        Assert.Contains(commands, c => c is ClearAlert { AlertId: "chain@1/deadline-at-risk" });
        Assert.Contains(missed.Id, state.OpenAlerts);
    }

    [Fact]
    public void An_at_risk_alert_the_missed_deadline_replaces_clears_as_superseded_by_it()
    {
        // Arrange: a 5h chain against a 1h deadline is at risk from its start.
        var d = Chain();
        var deadline = T0 + H(1);

        // Act
        var (_, commands) = Run(Started(d, deadline), new TaskStarted(T0, "a", 1),
            new MonitorTimerFired(deadline, "deadline"));

        // Assert
        Assert.Contains(Raised(commands), a => a.Kind == AlertKind.DeadlineAtRisk);
        var clear = Assert.Single(commands.OfType<ClearAlert>(), c => c.AlertId == "chain@1/deadline-at-risk");
        Assert.Equal(AlertKind.DeadlineMissed, clear.SupersededBy);
    }

    [Fact]
    public void A_deadline_off_the_minute_is_written_with_its_seconds()
    {
        var d = Chain();
        var deadline = T0 + TimeSpan.FromSeconds(30);

        var (_, commands) = Run(Started(d, deadline), new TaskStarted(T0, "a", 1),
            new MonitorTimerFired(deadline, "deadline"));

        var missed = Assert.Single(Raised(commands), a => a.Kind == AlertKind.DeadlineMissed);
        Assert.StartsWith("Run chain@1 missed its deadline 2026-03-03 05:00:30 UTC;", missed.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_and_retry_notifications_follow_the_pipelines_settings_and_success_is_opt_in()
    {
        var quiet = Chain(new SlaPolicy { Notify = new NotifyOn { Retrying = false } });
        var loud = Chain(new SlaPolicy { Notify = new NotifyOn { Succeeded = true } });
        SlaEvent[] events(PipelineDefinition d) =>
        [
            Started(d),
            new RunNotified(T0, NotificationKind.TaskRetrying, "a failed; retrying", "a", 1),
            new RunNotified(T0, NotificationKind.TaskFailed, "a failed", "a", 2),
            new RunNotified(T0, NotificationKind.RunFailed, "run failed"),
            new RunNotified(T0, NotificationKind.RunSucceeded, "run succeeded"),
        ];

        var quietKinds = Raised(Run(events(quiet)).Commands).Select(a => a.Kind);
        var loudAlerts = Raised(Run(events(loud)).Commands);

        Assert.Equal([AlertKind.TaskFailed, AlertKind.RunFailed], quietKinds);
        Assert.Equal([AlertKind.TaskRetrying, AlertKind.TaskFailed, AlertKind.RunFailed, AlertKind.RunSucceeded],
            loudAlerts.Select(a => a.Kind));
        Assert.Equal("chain@1/task-retrying/a#1", loudAlerts[0].Id);
    }

    [Fact]
    public void A_retry_alert_clears_when_the_task_later_succeeds()
    {
        var d = Chain();

        var (state, commands) = Run(Started(d), new TaskStarted(T0, "a", 1),
            new TaskFinished(T0 + M(1), "a", 1, TaskOutcome.Failed),
            new RunNotified(T0 + M(1), NotificationKind.TaskRetrying, "retrying", "a", 1),
            new TaskStarted(T0 + M(2), "a", 2), new TaskFinished(T0 + M(3), "a", 2, TaskOutcome.Succeeded));

        var clear = Assert.Single(commands.OfType<ClearAlert>(), c => c.AlertId == "chain@1/task-retrying/a#1");
        Assert.Null(clear.SupersededBy);
        Assert.Empty(state.OpenAlerts);
    }

    [Fact]
    public void A_task_that_fails_for_good_leaves_only_its_final_alerts_open()
    {
        // Arrange: three attempts of a, each failing; the run decider notifies two retries, then the failure.
        var d = Chain();
        var events = new List<SlaEvent> { Started(d) };
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            events.Add(new TaskStarted(T0 + M(2 * attempt), "a", attempt));
            events.Add(new TaskFinished(T0 + M(2 * attempt + 1), "a", attempt, TaskOutcome.Failed));
            events.Add(attempt < 3
                ? new RunNotified(T0 + M(2 * attempt + 1), NotificationKind.TaskRetrying, "retrying", "a", attempt)
                : new RunNotified(T0 + M(7), NotificationKind.TaskFailed, "a failed after 3 attempts", "a", 3));
        }

        // Act
        var (afterFailure, commands) = Run([.. events]);
        var (ended, _) = Run([.. events, new RunNotified(T0 + M(7), NotificationKind.RunFailed, "run failed"),
            new RunFinished(T0 + M(8), RunStatus.Failed)]);

        // Assert
        var cleared = commands.OfType<ClearAlert>().ToList();
        Assert.Equal(["chain@1/task-retrying/a#1", "chain@1/task-retrying/a#2"], cleared.Select(c => c.AlertId));
        Assert.All(cleared, c => Assert.Equal(AlertKind.TaskFailed, c.SupersededBy));
        Assert.Equal(["chain@1/task-failed/a"], afterFailure.OpenAlerts.Order(StringComparer.Ordinal));
        Assert.Equal(["chain@1/run-failed", "chain@1/task-failed/a"], ended.OpenAlerts.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(RunStatus.Failed, AlertKind.RunFailed)]
    [InlineData(RunStatus.Cancelled, null)]
    public void The_runs_end_clears_the_retry_alerts_still_open(RunStatus status, AlertKind? supersededBy)
    {
        // Arrange: a fails once and is retrying when the run ends (b failed, or the run was cancelled).
        var d = Chain();

        // Act
        var (state, commands) = Run(Started(d), new TaskStarted(T0, "a", 1),
            new TaskFinished(T0 + M(1), "a", 1, TaskOutcome.Failed),
            new RunNotified(T0 + M(1), NotificationKind.TaskRetrying, "retrying", "a", 1),
            new RunFinished(T0 + M(2), status));

        // Assert
        var clear = Assert.Single(commands.OfType<ClearAlert>());
        Assert.Equal("chain@1/task-retrying/a#1", clear.AlertId);
        Assert.Equal(supersededBy, clear.SupersededBy);
        Assert.Empty(state.OpenAlerts);
    }

    [Fact]
    public void The_retry_alerts_a_success_clears_are_cleared_in_id_order_whatever_the_processs_hash_order()
    {
        // Arrange: seven failed attempts, each with its retry alert open, then a success. The open alerts are a
        // hashed set whose order differs between processes; a Durable orchestration replaying the decision elsewhere
        // must get the same commands in the same order.
        var d = Chain();
        var events = new List<SlaEvent> { Started(d) };
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            events.Add(new TaskStarted(T0 + M(2 * attempt), "a", attempt));
            events.Add(new TaskFinished(T0 + M(2 * attempt + 1), "a", attempt, TaskOutcome.Failed));
            events.Add(new RunNotified(T0 + M(2 * attempt + 1), NotificationKind.TaskRetrying, "retrying", "a", attempt));
        }

        events.Add(new TaskStarted(T0 + M(20), "a", 8));
        events.Add(new TaskFinished(T0 + M(21), "a", 8, TaskOutcome.Succeeded));

        // Act
        var (state, commands) = Run([.. events]);

        // Assert
        var cleared = commands.OfType<ClearAlert>().Select(c => c.AlertId)
            .Where(id => id.Contains("/task-retrying/", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, cleared.Count);
        Assert.Equal(cleared.Order(StringComparer.Ordinal), cleared);
        Assert.Empty(state.OpenAlerts);
    }

    [Fact]
    public void A_notification_delivered_again_after_its_alert_cleared_is_not_raised_again()
    {
        // Arrange: a retry alert raised and cleared by the success, then the same retry notice once more, as a
        // restart catching up on notifications it cannot tell apart from new ones would deliver it.
        var d = Chain();
        var retrying = new RunNotified(T0 + M(1), NotificationKind.TaskRetrying, "retrying", "a", 1);
        var (state, _) = Run(Started(d), new TaskStarted(T0, "a", 1),
            new TaskFinished(T0 + M(1), "a", 1, TaskOutcome.Failed), retrying,
            new TaskStarted(T0 + M(2), "a", 2), new TaskFinished(T0 + M(3), "a", 2, TaskOutcome.Succeeded));

        // Act
        var again = SlaMonitorDecider.Decide(state, retrying);
        var otherAttempt = SlaMonitorDecider.Decide(state, retrying with { Attempt = 2 });

        // Assert
        Assert.Empty(again.Commands);
        Assert.Empty(again.State.OpenAlerts);
        Assert.DoesNotContain(otherAttempt.Commands, c => c is RaiseAlert);
    }

    [Fact]
    public void Raising_is_idempotent_and_events_after_the_run_finished_do_nothing()
    {
        var d = Chain();
        var notified = new RunNotified(T0, NotificationKind.RunFailed, "run failed");

        var (state, commands) = Run(Started(d), notified, notified, new RunFinished(T0 + H(1), RunStatus.Failed));
        var after = SlaMonitorDecider.Decide(state, new TaskStarted(T0 + H(2), "a", 1));

        Assert.Single(Raised(commands));
        Assert.Contains(commands, c => c is MonitorCompleted);
        Assert.Empty(after.Commands);
        Assert.True(after.State.Finished);
    }

    [Fact]
    public void A_run_that_finishes_after_its_deadline_before_the_timer_fired_still_records_the_miss()
    {
        var d = Chain();

        var (_, commands) = Run(Started(d, T0 + H(1)), new RunFinished(T0 + H(2), RunStatus.Succeeded));

        var missed = Assert.Single(Raised(commands), a => a.Kind == AlertKind.DeadlineMissed);
        Assert.Contains("1h late", missed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_round_trips_through_json_and_replays_to_the_same_decisions()
    {
        var d = Chain();
        var (state, _) = Run(Started(d, T0 + H(3)), new TaskStarted(T0, "a", 1));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var copy = JsonSerializer.Deserialize<SlaMonitorState>(JsonSerializer.Serialize(state, options), options)!;
        var next = new MonitorTimerFired(T0 + H(2), state.EvaluationTimer!);
        var fromOriginal = SlaMonitorDecider.Decide(state, next);
        var fromCopy = SlaMonitorDecider.Decide(copy, next);

        Assert.Equal(JsonSerializer.Serialize(fromOriginal.Commands, options),
            JsonSerializer.Serialize(fromCopy.Commands, options));
        Assert.Equal(JsonSerializer.Serialize(fromOriginal.State, options),
            JsonSerializer.Serialize(fromCopy.State, options));
    }

    [Fact]
    public void Map_instances_count_as_their_task_and_the_task_is_done_when_the_last_instance_ends()
    {
        var d = Chain();

        var (state, _) = Run(Started(d), new TaskStarted(T0, "a[0]", 1), new TaskStarted(T0, "a[1]", 1),
            new TaskFinished(T0 + M(30), "a[0]", 1, TaskOutcome.Succeeded));
        var running = state.Tasks["a"].Phase;
        var done = SlaMonitorDecider.Decide(state, new TaskFinished(T0 + M(40), "a[1]", 1, TaskOutcome.Succeeded));

        Assert.Equal(TaskPhase.Running, running);
        Assert.Equal(TaskPhase.Done, done.State.Tasks["a"].Phase);
    }
}
