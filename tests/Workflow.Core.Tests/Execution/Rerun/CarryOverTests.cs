using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution.Rerun;

/// <summary>What a rerun keeps, read from a run's final state, and how the next run starts from it.</summary>
public class CarryOverTests
{
    private static readonly JsonElement SubConfig = DeciderHarness.Json("""{"pipelineId":"child"}""");

    /// <summary>list → each (mapped over list) → after; sub (a sub-pipeline) beside them.</summary>
    private static PipelineDefinition Shape() => Pipeline(
        Task("list"),
        Task("each", "list") with { Map = new MapSpec { Over = "list" } },
        Task("after", "each"),
        new TaskDefinition { Id = "sub", Kind = "sub-pipeline", Config = SubConfig });

    /// <summary>Runs the shape with instance each[1] failing; returns the final state.</summary>
    private static RunState FirstRunWithOneInstanceFailing()
    {
        var run = new DeciderHarness();
        run.Start(Shape());
        var child = run.All.Single<StartChildRun>();
        run.Apply(new ChildRunCompleted(run.Now, "sub", 1, child.ChildRunId, RunStatus.Succeeded,
            DeciderHarness.Json("\"child-out\"")));
        run.Succeed("list", outputJson: """["x","y","z"]""");
        run.Succeed("each[0]", outputJson: "0");
        run.Fail("each[1]");
        run.Succeed("each[2]", outputJson: "2");
        Assert.True(run.State.IsCompleted);
        return RunDecider.Restore(RunDecider.Snapshot(run.State));
    }

    [Fact]
    public void A_final_state_keeps_succeeded_tasks_a_succeeded_child_run_and_the_successful_map_instances()
    {
        var kept = CarryOver.From(FirstRunWithOneInstanceFailing());

        Assert.Equal(["each[0]", "each[2]", "list", "sub"], kept.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("child-out", kept["sub"]!.Value.GetString());
        Assert.Equal(2, kept["each[2]"]!.Value.GetInt32());
    }

    [Fact]
    public void A_rerun_runs_only_the_failed_instance_and_starts_no_child_run()
    {
        var rerun = new DeciderHarness();

        var commands = rerun.Start(Shape(), CarryOver.From(FirstRunWithOneInstanceFailing()));
        var end = rerun.Succeed("each[1]", outputJson: "1");

        Assert.Equal(["each[1]"], commands.RunKeys());
        Assert.Empty(rerun.All.OfType<StartChildRun>());
        var after = end.Runs().Single();
        Assert.Equal("after", after.TaskKey);
        Assert.Equal("[0,1,2]", after.Input!.Value.GetProperty("each").GetRawText());
    }

    [Fact]
    public void A_rerun_of_a_rerun_keeps_what_the_rerun_itself_carried_over()
    {
        var second = new DeciderHarness();
        second.Start(Shape(), CarryOver.From(FirstRunWithOneInstanceFailing()));
        second.Fail("each[1]");
        Assert.True(second.State.IsCompleted);

        var kept = CarryOver.From(RunDecider.Restore(RunDecider.Snapshot(second.State)));
        var third = new DeciderHarness();
        var commands = third.Start(Shape(), kept);

        Assert.Equal(["each[0]", "each[2]", "list", "sub"], kept.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["each[1]"], commands.RunKeys());
        Assert.Empty(third.All.OfType<StartChildRun>());
    }

    [Fact]
    public void Kept_instances_are_dropped_when_the_task_they_map_over_runs_again()
    {
        var kept = new Dictionary<string, JsonElement?> { ["each[0]"] = DeciderHarness.Json("0") };
        var run = new DeciderHarness();
        run.Start(Shape(), kept);

        var commands = run.Succeed("list", outputJson: """["new"]""");

        Assert.Equal(["each[0]"], commands.RunKeys());
        Assert.Equal("new", commands.Runs().Single().Input!.Value.GetProperty("$item").GetString());
    }

    [Fact]
    public void A_rerun_whose_every_instance_was_kept_completes_the_mapped_task_without_running_it()
    {
        var kept = new Dictionary<string, JsonElement?>
        {
            ["list"] = DeciderHarness.Json("[1,2]"),
            ["sub"] = null,
            ["each[0]"] = DeciderHarness.Json("10"),
            ["each[1]"] = DeciderHarness.Json("20"),
        };
        var run = new DeciderHarness();

        var commands = run.Start(Shape(), kept);

        Assert.Equal(["after"], commands.RunKeys());
        Assert.Equal(TaskStatus.Succeeded, run.StatusOf("each"));
        Assert.Equal("[10,20]", commands.Runs().Single().Input!.Value.GetProperty("each").GetRawText());
    }

    [Fact]
    public void Child_run_ids_name_their_parent()
    {
        var id = ChildRunIds.For("p@manual-1/sub#1", "inner", 2);

        Assert.Equal("p@manual-1/sub#1/inner#2", id);
        Assert.Equal("p@manual-1/sub#1", ChildRunIds.ParentOf(id));
        Assert.Equal("p@manual-1", ChildRunIds.ParentOf("p@manual-1/sub#1"));
        Assert.Null(ChildRunIds.ParentOf("p@manual-1"));
    }
}
