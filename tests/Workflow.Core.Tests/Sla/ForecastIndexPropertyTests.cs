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

    [Fact]
    public void Events_decided_together_leave_the_state_and_forecast_that_one_at_a_time_leave()
    {
        Check.One(Config, Prop.ForAll(Scenarios.ToArbitrary(), Gen.Choose(1, 6).ToArbitrary(), (scenario, size) =>
        {
            // Arrange: the same events, one at a time and in groups of `size` (as a shell's round hands them over).
            var (definition, estimates) = Define(scenario);
            var start = new MonitorStarted(T0, "r", definition, estimates, T0 + TimeSpan.FromDays(1000));
            var at = T0;
            var events = scenario.Steps.Select(step => Event(step, at += M(step.GapMinutes))).ToList();
            var single = SlaMonitorDecider.Decide(SlaMonitorState.Initial, start).State;
            var grouped = single;
            var mismatches = new List<string>();

            // Act
            foreach (var e in events)
            {
                single = SlaMonitorDecider.Decide(single, e).State;
            }

            foreach (var group in events.Chunk(size))
            {
                grouped = SlaMonitorDecider.Decide(grouped, group).State;
                Compare(grouped, group[^1].At, $"a group ending {group[^1]}", mismatches);
            }

            // Assert
            var same = single.Tasks.OrderBy(t => t.Key).SequenceEqual(grouped.Tasks.OrderBy(t => t.Key)) &&
                       single.Running.OrderBy(r => r.Key).SequenceEqual(grouped.Running.OrderBy(r => r.Key)) &&
                       single.OpenAlerts.SetEquals(grouped.OpenAlerts) &&
                       single.Notifications.SetEquals(grouped.Notifications) &&
                       single.LastForecast == grouped.LastForecast && single.ObservedTicks == grouped.ObservedTicks;
            return (same && mismatches.Count == 0).Label(
                $"same={same} {string.Join("\n", mismatches.Take(3))}\nsize={size} {scenario}");
        }));
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
    public void A_changed_task_that_the_index_did_not_see_is_caught_by_a_full_rebuild()
    {
        // Arrange: a state whose tasks were replaced behind the index's back.
        var d = Chain(new SlaPolicy { Deadline = new DeadlineRule { Within = H(100) } });
        var state = SlaMonitorDecider.Decide(SlaMonitorState.Initial,
            new MonitorStarted(T0, "r", d, Hourly(d), T0 + H(100))).State;
        var a = state.Tasks["a"] with { Phase = TaskPhase.Done, Outcome = TaskOutcome.Succeeded };
        var changed = state with { Tasks = state.Tasks.SetItem("a", a) };

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

    private static (PipelineDefinition, IReadOnlyDictionary<string, DurationEstimate>) Define(Scenario s)
    {
        var definition = new PipelineDefinition
        {
            Id = "random",
            OwnerGroup = "g",
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = s.Parallel },
            Sla = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromDays(1000) } },
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
