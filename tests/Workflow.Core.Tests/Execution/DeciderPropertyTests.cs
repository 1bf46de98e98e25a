using FsCheck;
using FsCheck.Fluent;
using Workflow.Execution;
using Workflow.Simulation;

namespace Workflow.Core.Tests.Execution;

public class DeciderPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    [Fact]
    public void Random_runs_keep_every_invariant_and_terminate_once_all_events_are_delivered()
    {
        Check.One(Config, Prop.ForAll(RandomPipeline.Arbitrary, p =>
        {
            var definition = p.Definition;
            var audit = new RunAudit(definition);

            var report = RunSimulator.Run(definition, p.Options, audit.Observe);

            var final = audit.Events.Count > 0;
            return (audit.Violations.Count == 0).Label(string.Join("; ", audit.Violations))
                .And(report.Completed.Label("the run completed"))
                .And((audit.Completions == 1).Label("exactly one CompleteRun"))
                .And(final.Label("events were delivered"));
        }));
    }

    [Fact]
    public void The_same_events_always_produce_the_same_commands()
    {
        Check.One(Config, Prop.ForAll(RandomPipeline.Arbitrary, p =>
        {
            var audit = new RunAudit(p.Definition);
            RunSimulator.Run(p.Definition, p.Options, audit.Observe);

            var replay = RunDecider.DecideAll(RunDecider.Initial, audit.Events);

            return RunJson.Serialize(replay.Commands) == RunJson.Serialize(audit.Commands);
        }));
    }

    [Fact]
    public void A_snapshot_at_any_point_plus_the_remaining_events_equals_all_events()
    {
        Check.One(Config, Prop.ForAll(RandomPipeline.Arbitrary, p =>
        {
            var audit = new RunAudit(p.Definition);
            RunSimulator.Run(p.Definition, p.Options, audit.Observe);
            var cut = p.Seed % (audit.Events.Count + 1);

            var whole = RunDecider.DecideAll(RunDecider.Initial, audit.Events);
            var head = RunDecider.DecideAll(RunDecider.Initial, audit.Events.Take(cut));
            var tail = RunDecider.DecideAll(RunDecider.Restore(RunDecider.Snapshot(head.State)), audit.Events.Skip(cut));

            return RunJson.Serialize(whole.Commands) == RunJson.Serialize([.. head.Commands, .. tail.Commands])
                && RunDecider.Snapshot(whole.State) == RunDecider.Snapshot(tail.State);
        }));
    }
}
