using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;
using static Workflow.Core.Tests.Sla.SlaFixtures;

namespace Workflow.Core.Tests.Sla;

/// <summary>Tasks the run decider skips count as done for the monitor's remaining-work forecast.</summary>
public class SlaMonitorSkipTests
{
    private static SlaMonitorState Apply(SlaMonitorState state, List<SlaCommand> commands, params SlaEvent[] events)
    {
        foreach (var e in events)
        {
            var decision = SlaMonitorDecider.Decide(state, e);
            state = decision.State;
            commands.AddRange(decision.Commands);
        }

        return state;
    }

    private static SlaEvent[] FailsForGood(string key, DateTimeOffset start, DateTimeOffset end) =>
    [
        new TaskStarted(start, key, 1),
        new TaskFinished(end, key, 1, TaskOutcome.Failed),
        new RunNotified(end, NotificationKind.TaskFailed, $"Task '{key}' failed.", key, 1),
    ];

    [Fact]
    public void A_final_failure_skips_the_chain_below_it_and_the_at_risk_alert_clears()
    {
        // Arrange: three hourly tasks in a chain cannot make a deadline 2.5 h away.
        var d = Chain();
        var commands = new List<SlaCommand>();
        var state = Apply(SlaMonitorState.Initial, commands,
            new MonitorStarted(T0, "chain@1", d, Hourly(d), T0 + H(2.5)));
        Assert.Contains(commands, c => c is RaiseAlert { Alert.Kind: AlertKind.DeadlineAtRisk });
        commands.Clear();

        // Act: "a" fails for good, so the run decider skips "b" and "c".
        state = Apply(state, commands, FailsForGood("a", T0, T0 + M(10)));

        // Assert
        Assert.Equal(TaskOutcome.Failed, state.Tasks["a"].Outcome);
        Assert.All(new[] { "b", "c" }, id =>
        {
            Assert.Equal(TaskPhase.Done, state.Tasks[id].Phase);
            Assert.Equal(TaskOutcome.Skipped, state.Tasks[id].Outcome);
        });
        Assert.Equal(T0 + M(10), CompletionForecast.Predict(state, T0 + M(10)).PredictedFinish);
        Assert.Contains(commands, c => c is ClearAlert clear &&
                                       clear.AlertId == AlertIds.ForRun("chain@1", AlertKind.DeadlineAtRisk));
    }

    [Fact]
    public void Tasks_whose_trigger_rule_still_lets_them_run_stay_in_the_remaining_work()
    {
        // Arrange: after "a" come an all-success "load", an all-done "cleanup" and a one-failed "page".
        var d = Chain() with
        {
            Tasks =
            [
                Task("a"),
                Task("load", "a"),
                Task("cleanup", "a") with { Trigger = TriggerRule.AllDone },
                Task("page", "a") with { Trigger = TriggerRule.OneFailed },
                Task("report", "load"),
            ],
        };
        var state = Apply(SlaMonitorState.Initial, [], new MonitorStarted(T0, "chain@1", d, Hourly(d), null));

        // Act
        state = Apply(state, [], FailsForGood("a", T0, T0 + M(10)));

        // Assert
        Assert.Equal(TaskOutcome.Skipped, state.Tasks["load"].Outcome);
        Assert.Equal(TaskOutcome.Skipped, state.Tasks["report"].Outcome);
        Assert.Equal(TaskPhase.Pending, state.Tasks["cleanup"].Phase);
        Assert.Equal(TaskPhase.Pending, state.Tasks["page"].Phase);
        Assert.Null(state.Tasks["page"].Outcome);
    }

    [Fact]
    public void A_failed_attempt_that_is_retried_is_not_a_final_failure_and_skips_nothing()
    {
        // Arrange
        var d = Chain();
        var state = Apply(SlaMonitorState.Initial, [], new MonitorStarted(T0, "chain@1", d, Hourly(d), null));

        // Act: attempt 1 fails and the decider schedules a retry, which succeeds.
        state = Apply(state, [], new TaskStarted(T0, "a", 1), new TaskFinished(T0 + M(5), "a", 1, TaskOutcome.Failed),
            new RunNotified(T0 + M(5), NotificationKind.TaskRetrying, "retrying", "a", 1));
        var afterFailure = state;
        state = Apply(state, [], new TaskStarted(T0 + M(6), "a", 2),
            new TaskFinished(T0 + M(9), "a", 2, TaskOutcome.Succeeded));

        // Assert
        Assert.Null(afterFailure.Tasks["a"].Outcome);
        Assert.Equal(TaskPhase.Pending, afterFailure.Tasks["b"].Phase);
        Assert.Equal(TaskOutcome.Succeeded, state.Tasks["a"].Outcome);
        Assert.Null(state.Tasks["b"].Outcome);
    }

    [Fact]
    public void A_reported_skip_counts_as_done_and_skips_what_needed_that_task()
    {
        // Arrange
        var d = Chain();
        var state = Apply(SlaMonitorState.Initial, [], new MonitorStarted(T0, "chain@1", d, Hourly(d), null));

        // Act
        state = Apply(state, [], new TaskFinished(T0 + M(1), "a", 0, TaskOutcome.Skipped));

        // Assert
        Assert.All(new[] { "a", "b", "c" }, id => Assert.Equal(TaskPhase.Done, state.Tasks[id].Phase));
        Assert.Equal(TaskOutcome.Skipped, state.Tasks["c"].Outcome);
    }

    [Fact]
    public void One_map_instance_succeeding_is_not_yet_a_final_outcome_for_its_task()
    {
        // Arrange: "b" runs only if "a" fails, so a final success of "a" would skip it.
        var d = Chain() with { Tasks = [Task("a"), Task("b", "a") with { Trigger = TriggerRule.OneFailed }] };
        var state = Apply(SlaMonitorState.Initial, [], new MonitorStarted(T0, "chain@1", d, Hourly(d), null));

        // Act
        var afterInstance = Apply(state, [], new TaskStarted(T0, "a[0]", 1),
            new TaskFinished(T0 + M(5), "a[0]", 1, TaskOutcome.Succeeded));
        var afterTask = Apply(state, [], new TaskStarted(T0, "a", 1),
            new TaskFinished(T0 + M(5), "a", 1, TaskOutcome.Succeeded));

        // Assert
        Assert.Null(afterInstance.Tasks["a"].Outcome);
        Assert.Equal(TaskPhase.Pending, afterInstance.Tasks["b"].Phase);
        Assert.Equal(TaskOutcome.Succeeded, afterTask.Tasks["a"].Outcome);
        Assert.Equal(TaskOutcome.Skipped, afterTask.Tasks["b"].Outcome);
    }
}
