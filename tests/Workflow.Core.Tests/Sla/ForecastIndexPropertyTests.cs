using FsCheck;
using FsCheck.Fluent;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;
using static Workflow.Core.Tests.Sla.SlaFixtures;

namespace Workflow.Core.Tests.Sla;

/// <summary>
/// The monitor keeps its forecast up to date from what each event changed (<see cref="ForecastIndex"/>); after
/// any sequence of events on a random DAG it must give exactly the forecast worked out from scratch over every
/// task (<see cref="CompletionForecast.Predict"/>), now and later (running attempts age).
/// </summary>
public class ForecastIndexPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(400);

    /// <summary>One event: 0 start, 1 end, 2 final failure notice, 3 retry notice, 4 a duplicate end.</summary>
    public sealed record Step(int Kind, int Task, int Instance, int Attempt, int Outcome, int GapMinutes);

    public sealed record Scenario(
        int Count, (int Parent, int Child)[] Edges, int[] P50Minutes, int[] SpreadPercent, bool[] Estimated,
        int[] Rules, bool SumOfP95, int Parallel, int EvidencePercent, Step[] Steps)
    {
        public override string ToString() =>
            $"n={Count} edges=[{string.Join(",", Edges.Select(e => $"{e.Parent}->{e.Child}"))}] " +
            $"p50=[{string.Join(",", P50Minutes)}] spread=[{string.Join(",", SpreadPercent)}] " +
            $"estimated=[{string.Join(",", Estimated.Select(e => e ? 1 : 0))}] rules=[{string.Join(",", Rules)}] " +
            $"sumOfP95={SumOfP95} parallel={Parallel} evidence={EvidencePercent}% steps=[" +
            string.Join(" ", Steps.Select(s => $"{s.Kind}:t{s.Task}[{s.Instance}]#{s.Attempt}/{s.Outcome}+{s.GapMinutes}")) +
            "]";
    }

    private static readonly Gen<Scenario> Scenarios =
        from n in Gen.Choose(1, 20)
        from pairs in Gen.ArrayOf(Gen.Two(Gen.Choose(0, n - 1)))
        from p50 in Gen.ArrayOf(Gen.Choose(1, 120), n)
        from spread in Gen.ArrayOf(Gen.Choose(0, 200), n)
        from estimated in Gen.ArrayOf(Gen.Elements(true, true, false), n)
        from rules in Gen.ArrayOf(Gen.Choose(0, 4), n)
        from sumOfP95 in Gen.Elements(true, false)
        from parallel in Gen.Choose(1, 6)
        from evidence in Gen.Choose(0, 30)
        from steps in Gen.ArrayOf(
            from kind in Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Constant(1)), (1, Gen.Constant(2)),
                (1, Gen.Constant(3)), (1, Gen.Constant(4)))
            from task in Gen.Choose(0, n - 1)
            from instance in Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
            from attempt in Gen.Choose(1, 2)
            from outcome in Gen.Frequency((5, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
            from gap in Gen.Choose(0, 240)
            select new Step(kind, task, instance, attempt, outcome, gap))
        select new Scenario(n,
            [.. pairs.Where(p => p.Item1 != p.Item2).Select(p => (Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2)))],
            p50, spread, estimated, rules, sumOfP95, parallel, evidence, steps);

    [Fact]
    public void The_incremental_forecast_equals_the_forecast_from_scratch_after_any_sequence_of_events()
    {
        Check.One(Config, Prop.ForAll(Scenarios.ToArbitrary(), scenario =>
        {
            // Arrange
            var (definition, estimates) = Define(scenario);
            var settings = new SlaMonitorSettings
            {
                Mode = scenario.SumOfP95 ? ForecastMode.SumOfP95 : ForecastMode.PathQuantile,
                SlowdownEvidence = scenario.EvidencePercent / 100.0,
            };
            var at = T0;
            var state = SlaMonitorDecider.Decide(SlaMonitorState.Initial,
                new MonitorStarted(at, "r", definition, estimates, T0 + TimeSpan.FromDays(1000), settings)).State;
            var mismatches = new List<string>();
            Compare(state, at, "start", mismatches);

            // Act
            foreach (var step in scenario.Steps)
            {
                at += M(step.GapMinutes);
                var e = Event(step, at);
                state = SlaMonitorDecider.Decide(state, e).State;
                Compare(state, at, e.ToString(), mismatches);
            }

            // Assert
            return (mismatches.Count == 0).Label(string.Join("\n", mismatches.Take(3)) + $"\n{scenario}");
        }));
    }

    /// <summary>Deadlines the random runs do come near: inside the steps' span, so some are at risk and some missed.</summary>
    private static readonly Gen<(int DeadlineMinutes, int MarginMinutes)> Deadlines =
        from deadline in Gen.Choose(20, 900)
        from margin in Gen.Elements(0, 0, 15, 60)
        select (deadline, margin);

    [Fact]
    public void Events_decided_together_raise_the_alerts_that_one_at_a_time_raise_but_for_forecasts_in_between()
    {
        var atRiskRaised = 0;
        var missedRaised = 0;
        Check.One(Config, Prop.ForAll(Scenarios.ToArbitrary(), Gen.Choose(1, 6).ToArbitrary(), Deadlines.ToArbitrary(),
            (scenario, size, limits) =>
        {
            // Arrange: the same events, one at a time and in groups of `size` (as a shell's round hands them over),
            // with the deadline timer firing at the deadline and the run's end after the last step. The periodic
            // re-evaluation is off: its timers are set at different moments by design, which is not grouping.
            var deadline = T0 + M(limits.DeadlineMinutes);
            var (definition, estimates) = Define(scenario, TimeSpan.FromMinutes(limits.DeadlineMinutes),
                M(limits.MarginMinutes));
            var settings = new SlaMonitorSettings { EvaluationInterval = TimeSpan.Zero };
            var start = new MonitorStarted(T0, "r", definition, estimates, deadline, settings);
            var events = WithDeadlineAndEnd(scenario.Steps, deadline);
            var single = SlaMonitorDecider.Decide(SlaMonitorState.Initial, start).State;
            var grouped = single;
            var atRisk = AlertIds.ForRun("r", AlertKind.DeadlineAtRisk);
            var limit = deadline - M(limits.MarginMinutes);
            var mismatches = new List<string>();

            // Act and assert, group by group.
            foreach (var group in events.Chunk(size))
            {
                var singleCommands = new List<SlaCommand>();
                foreach (var e in group)
                {
                    var decision = SlaMonitorDecider.Decide(single, e);
                    single = decision.State;
                    singleCommands.AddRange(decision.Commands);
                }

                var together = SlaMonitorDecider.Decide(grouped, group);
                grouped = together.State;
                var end = group[^1].At;
                atRiskRaised += together.Commands.Count(c => c is RaiseAlert { Alert.Kind: AlertKind.DeadlineAtRisk });
                missedRaised += together.Commands.Count(c => c is RaiseAlert { Alert.Kind: AlertKind.DeadlineMissed });

                // Every alert but at-risk is raised and cleared alike, at the same moments, with the same content.
                var others = singleCommands.Where(c => !IsAtRisk(c, atRisk)).ToList();
                var othersTogether = together.Commands.Where(c => !IsAtRisk(c, atRisk)).ToList();
                if (!others.SequenceEqual(othersTogether))
                {
                    mismatches.Add($"group ending {group[^1]}: one at a time {string.Join("; ", others)}, " +
                                   $"together {string.Join("; ", othersTogether)}");
                }

                // At-risk follows the last forecast, which both make at the same moment from the same state: both
                // have it open when that forecast is past the limit, both closed when it is back by the hysteresis.
                // Only in between may it differ: one at a time saw the forecasts inside the group, together did not.
                var inBand = single.LastForecast is { } f && f <= limit &&
                             f > limit - settings.ClearHysteresis && end < deadline;
                if (single.LastForecast != grouped.LastForecast ||
                    (!inBand && single.OpenAlerts.Contains(atRisk) != grouped.OpenAlerts.Contains(atRisk)))
                {
                    mismatches.Add($"group ending {group[^1]}: forecast {single.LastForecast} vs " +
                                   $"{grouped.LastForecast}, at risk {single.OpenAlerts.Contains(atRisk)} vs " +
                                   $"{grouped.OpenAlerts.Contains(atRisk)} (limit {limit:HH:mm})");
                }

                Compare(grouped, end, $"a group ending {group[^1]}", mismatches);
            }

            var same = single.Tasks.OrderBy(t => t.Key).SequenceEqual(grouped.Tasks.OrderBy(t => t.Key)) &&
                       single.Running.OrderBy(r => r.Key).SequenceEqual(grouped.Running.OrderBy(r => r.Key)) &&
                       single.Notifications.SetEquals(grouped.Notifications) &&
                       single.Finished == grouped.Finished && single.ObservedTicks == grouped.ObservedTicks &&
                       single.ObservedMedianTicks == grouped.ObservedMedianTicks &&
                       single.ObservedExpectedMean.Equals(grouped.ObservedExpectedMean) &&
                       single.ObservedExpectedVariance.Equals(grouped.ObservedExpectedVariance);
            return (same && mismatches.Count == 0).Label(
                $"same={same} {string.Join("\n", mismatches.Take(3))}\nsize={size} deadline={limits} {scenario}");
        }));

        // The deadlines must bite, or the property says nothing about alert timing.
        Assert.True(atRiskRaised > 0, "no scenario raised deadline-at-risk");
        Assert.True(missedRaised > 0, "no scenario raised deadline-missed");
    }

    private static bool IsAtRisk(SlaCommand command, string atRisk) =>
        command is RaiseAlert { Alert.Kind: AlertKind.DeadlineAtRisk } ||
        (command is ClearAlert clear && clear.AlertId == atRisk);

    /// <summary>The steps as events, the deadline timer at the deadline among them, and the run's end last.</summary>
    private static List<SlaEvent> WithDeadlineAndEnd(Step[] steps, DateTimeOffset deadline)
    {
        var events = new List<SlaEvent>();
        var at = T0;
        var timerFired = false;
        foreach (var step in steps)
        {
            at += M(step.GapMinutes);
            if (!timerFired && at >= deadline)
            {
                events.Add(new MonitorTimerFired(deadline, "deadline"));
                timerFired = true;
            }

            events.Add(Event(step, at));
        }

        events.Add(new RunFinished(at + M(30), RunStatus.Succeeded));
        return events;
    }

    [Fact]
    public void An_older_state_decided_again_gets_the_forecast_from_scratch_not_the_newer_states_index()
    {
        // Arrange: a, then b and c in parallel; the index follows the newest state made from it.
        var d = Chain(new SlaPolicy { Deadline = new DeadlineRule { Within = H(100) } }) with
        {
            Tasks = [Task("a"), Task("b", "a"), Task("c", "a")],
        };
        var started = SlaMonitorDecider.Decide(SlaMonitorState.Initial,
            new MonitorStarted(T0, "r", d, Hourly(d), T0 + H(100))).State;
        var older = SlaMonitorDecider.Decide(started, new TaskStarted(T0, "a", 1)).State;
        var newer = SlaMonitorDecider.Decide(older, new TaskFinished(T0 + H(1), "a", 1, TaskOutcome.Succeeded)).State;

        // Act: the older state again, with a different event.
        var branch = SlaMonitorDecider.Decide(older, new TaskFinished(T0 + H(2), "a", 1, TaskOutcome.Failed)).State;

        // Assert: each state's forecast is its own, worked out from scratch where the index had moved on.
        Assert.Equal(CompletionForecast.Predict(branch, T0 + H(2)).PredictedFinish, branch.LastForecast);
        Assert.Equal(CompletionForecast.Predict(newer, T0 + H(1)).PredictedFinish, newer.LastForecast);
        Assert.NotEqual(newer.LastForecast, branch.LastForecast);
        Assert.Equal(CompletionForecast.Predict(newer, T0 + H(3)),
            newer.Index!.Refresh(newer).Predict(newer, T0 + H(3)));
    }

    [Fact]
    public void A_state_decided_while_another_decision_holds_its_index_gets_an_index_of_its_own()
    {
        // Arrange: a state whose index another decision holds (as a second caller on another thread would find it).
        var d = Chain(new SlaPolicy { Deadline = new DeadlineRule { Within = H(100) } });
        var state = SlaMonitorDecider.Decide(SlaMonitorState.Initial,
            new MonitorStarted(T0, "r", d, Hourly(d), T0 + H(100))).State;
        var held = state.Index!;
        Assert.True(held.TryClaim());

        // Act
        var next = SlaMonitorDecider.Decide(state, new TaskStarted(T0 + H(1), "a", 1)).State;

        // Assert: the decision neither used nor moved the held index, and its forecast is right all the same.
        Assert.NotSame(held, next.Index);
        Assert.Equal(CompletionForecast.Predict(next, T0 + H(1)).PredictedFinish, next.LastForecast);
        Assert.Equal(CompletionForecast.Predict(state, T0 + H(2)), held.Refresh(state).Predict(state, T0 + H(2)));
        Assert.False(held.TryClaim());
        held.Release();
        Assert.True(held.TryClaim());
    }

    [Fact]
    public void A_changed_task_that_the_index_did_not_see_is_caught_by_a_full_rebuild()
    {
        // Arrange: a state whose tasks were replaced behind the index's back.
        var d = Chain(new SlaPolicy { Deadline = new DeadlineRule { Within = H(100) } });
        var state = SlaMonitorDecider.Decide(SlaMonitorState.Initial,
            new MonitorStarted(T0, "r", d, Hourly(d), T0 + H(100))).State;
        var a = state.Tasks["a"] with { Phase = TaskPhase.Done, Outcome = TaskOutcome.Succeeded };
        var changed = state with { Tasks = state.Tasks.SetItem(a) };

        // Act
        var forecast = changed.Index!.Refresh(changed).Predict(changed, T0);

        // Assert
        Assert.Equal(CompletionForecast.Predict(changed, T0), forecast);
        Assert.NotEqual(CompletionForecast.Predict(state, T0), forecast);
    }

    private static void Compare(SlaMonitorState state, DateTimeOffset at, string after, List<string> mismatches)
    {
        if (state.Index is not { } kept)
        {
            return;
        }

        var index = kept.Refresh(state);
        if (!ReferenceEquals(index, kept))
        {
            // The decider keeps its index up to date from what changed; one it had to rebuild would still forecast
            // right, but at the cost of a pass over the whole run on every event.
            mismatches.Add($"after {after}: the state's index no longer followed it and was rebuilt");
        }

        foreach (var now in new[] { at, at + M(7), at + H(3) })
        {
            var incremental = index.Predict(state, now);
            var scratch = CompletionForecast.Predict(state, now);
            if (incremental != scratch)
            {
                mismatches.Add($"after {after} at {now:HH:mm}: incremental {incremental}, from scratch {scratch}");
            }
        }
    }

    private static SlaEvent Event(Step step, DateTimeOffset at)
    {
        var key = step.Instance == 0 ? $"t{step.Task}" : $"t{step.Task}[{step.Instance - 1}]";
        var outcome = (TaskOutcome)step.Outcome;
        return step.Kind switch
        {
            0 => new TaskStarted(at, key, step.Attempt),
            1 or 4 => new TaskFinished(at, key, step.Attempt, outcome),
            2 => new RunNotified(at, NotificationKind.TaskFailed, "failed", key, step.Attempt),
            _ => new RunNotified(at, NotificationKind.TaskRetrying, "retrying", key, step.Attempt),
        };
    }

    private static (PipelineDefinition, IReadOnlyDictionary<string, DurationEstimate>) Define(Scenario s) =>
        Define(s, TimeSpan.FromDays(1000), TimeSpan.Zero);

    private static (PipelineDefinition, IReadOnlyDictionary<string, DurationEstimate>) Define(Scenario s,
        TimeSpan within, TimeSpan margin)
    {
        var definition = new PipelineDefinition
        {
            Id = "random",
            OwnerGroup = "g",
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = s.Parallel },
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = within }, DeadlineMargin = margin },
            Tasks = [.. Enumerable.Range(0, s.Count).Select(i => new TaskDefinition
            {
                Id = $"t{i}",
                Kind = "code",
                DependsOn = [.. s.Edges.Where(e => e.Child == i).Select(e => $"t{e.Parent}")],
                Trigger = (TriggerRule)s.Rules[i],
            })],
        };
        var estimates = Enumerable.Range(0, s.Count).Where(i => s.Estimated[i]).ToDictionary(i => $"t{i}",
            i => History(M(s.P50Minutes[i]), M(s.P50Minutes[i] * (1 + (s.SpreadPercent[i] / 100.0)))));
        return (definition, estimates);
    }
}
