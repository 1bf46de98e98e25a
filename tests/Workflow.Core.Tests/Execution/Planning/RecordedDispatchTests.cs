using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;

namespace Workflow.Core.Tests.Execution.Planning;

public class RecordedDispatchTests
{
    // Three independent tasks on one slot: the keys alone decide the order.
    private static readonly PipelineDefinition OneSlot = Pipeline(1, Task("a"), Task("b"), Task("c"));

    private static TaskDefinition Timed(string id, double seconds, params string[] after) =>
        Task(id, after) with { ExpectedDuration = TimeSpan.FromSeconds(seconds) };

    private static RunStarted Start(IReadOnlyList<double>? keys) =>
        new(DeciderHarness.T0, "run-1", OneSlot, null, DeciderHarness.T0, DispatchKeys: keys);

    [Fact]
    public void A_start_with_recorded_keys_dispatches_by_them_and_not_by_what_the_planner_would_say()
    {
        var planned = PolicyDispatchPlanner.Instance.Plan(OneSlot, null, DispatchPolicy.Simulated)!;
        var run = new DeciderHarness();

        var first = run.Apply(Start([1, 2, 3])).RunKeys();

        Assert.Equal(["a"], new DeciderHarness().Apply(Start(planned)).RunKeys());
        Assert.Equal(["c"], first);
        Assert.Equal([1.0, 2.0, 3.0], run.State.Tasks.Select(t => t.Rank));
    }

    [Fact]
    public void A_start_without_recorded_keys_is_planned_as_the_planner_plans_it()
    {
        // The planner's keys here are not upward rank (see DispatchPlannerTests).
        var definition = Pipeline(2, Timed("a", 4), Timed("b", 5), Timed("c", 7), Timed("d", 8, "b", "c"),
            Timed("e", 8, "b"), Timed("f", 7, "a"));
        var keyless = new RunStarted(DeciderHarness.T0, "run-1", definition, null, DeciderHarness.T0);
        var planned = PolicyDispatchPlanner.Instance.Plan(definition, null, DispatchPolicy.Simulated)!;

        var fromEvent = new DeciderHarness();
        fromEvent.Apply(keyless);
        var fromPlan = new DeciderHarness();
        fromPlan.Apply(keyless with { DispatchKeys = planned });

        Assert.Equal(planned, fromEvent.State.Tasks.Select(t => t.Rank));
        Assert.Equal(fromPlan.All.RunKeys(), fromEvent.All.RunKeys());
    }

    [Fact]
    public void Recorded_keys_survive_the_event_json_exactly()
    {
        double[] keys = [0.1 + 0.2, 1.0 / 3, 12_345.678_901_234_5];

        var json = JsonSerializer.Serialize<RunEvent>(Start(keys), RunJsonContext.Default.RunEvent);
        var back = (RunStarted)JsonSerializer.Deserialize(json, RunJsonContext.Default.RunEvent)!;

        Assert.Equal(keys, back.DispatchKeys);
    }

    [Fact]
    public void A_start_whose_keys_do_not_match_its_tasks_fails_the_run_and_says_why()
    {
        var run = new DeciderHarness();

        var commands = run.Apply(Start([1, 2]));

        Assert.Equal(RunStatus.Failed, commands.Single<CompleteRun>().Status);
        Assert.Contains("recorded 2 dispatch keys for 3 tasks", run.State.Error, StringComparison.Ordinal);
    }
}
