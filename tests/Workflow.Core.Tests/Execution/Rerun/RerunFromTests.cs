using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;
using static Workflow.Core.Tests.Execution.Defs;
using static Workflow.Core.Tests.Execution.Rerun.Versions;

namespace Workflow.Core.Tests.Execution.Rerun;

/// <summary>Rerun from a chosen task: what the new run keeps, and what it runs again.</summary>
public class RerunFromTests
{
    private static readonly JsonElement SubConfig = DeciderHarness.Json("""{"pipelineId":"child"}""");

    /// <summary>extract → clean → load → report, and audit beside them (after extract only).</summary>
    private static PipelineRecord Chain() => V(1,
        Task("extract"), Task("clean", "extract"), Task("load", "clean"), Task("report", "load"),
        Task("audit", "extract"));

    private static Dictionary<string, JsonElement?> AllOf(PipelineRecord pipeline) =>
        pipeline.Definition.Tasks.ToDictionary(t => t.Id, t => (JsonElement?)DeciderHarness.Json($"\"{t.Id}-out\""));

    [Fact]
    public void A_rerun_from_a_task_keeps_what_is_not_downstream_of_it_and_runs_the_task_and_its_downstream()
    {
        var pipeline = Chain();

        var kept = RerunPlan.For("r", AllOf(pipeline), pipeline, pipeline, fromTask: "clean");
        var run = new DeciderHarness();
        var first = run.Start(pipeline.Definition, kept);
        var second = run.Succeed("clean");
        var third = run.Succeed("load");

        Assert.Equal(["audit", "extract"], kept.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["clean"], first.RunKeys());
        Assert.Equal("extract-out", first.Runs().Single().Input!.Value.GetProperty("extract").GetString());
        Assert.Equal(["load"], second.RunKeys());
        Assert.Equal(["report"], third.RunKeys());
    }

    [Fact]
    public void An_upstream_task_that_did_not_succeed_runs_again_before_the_chosen_task()
    {
        var pipeline = Chain();
        var kept = AllOf(pipeline);
        kept.Remove("clean");
        kept.Remove("load");
        kept.Remove("report");

        var plan = RerunPlan.For("r", kept, pipeline, pipeline, fromTask: "report");
        var run = new DeciderHarness();
        var first = run.Start(pipeline.Definition, plan);
        var second = run.Succeed("clean");
        var third = run.Succeed("load");

        Assert.Equal(["audit", "extract"], plan.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["clean"], first.RunKeys());
        Assert.Equal(["load"], second.RunKeys());
        Assert.Equal(["report"], third.RunKeys());
    }

    [Fact]
    public void A_map_instance_chooses_its_mapped_task_so_every_instance_runs_again_and_a_kept_child_run_is_not_restarted()
    {
        var pipeline = V(1, Task("list"), Task("each", "list") with { Map = new MapSpec { Over = "list" } },
            Task("after", "each"), new TaskDefinition { Id = "sub", Kind = "sub-pipeline", Config = SubConfig });
        var kept = new Dictionary<string, JsonElement?>
        {
            ["list"] = DeciderHarness.Json("""["x","y"]"""),
            ["sub"] = DeciderHarness.Json("\"child-out\""),
            ["each"] = DeciderHarness.Json("[0,1]"),
            ["after"] = null,
        };

        var plan = RerunPlan.For("r", kept, pipeline, pipeline, fromTask: "each[1]");
        var run = new DeciderHarness();
        var commands = run.Start(pipeline.Definition, plan);

        Assert.Equal(["list", "sub"], plan.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["each[0]", "each[1]"], commands.RunKeys());
        Assert.Empty(run.All.OfType<StartChildRun>());
    }

    [Fact]
    public void A_rerun_from_a_sub_pipeline_task_starts_a_new_child_run()
    {
        var pipeline = V(1, Task("prepare"), new TaskDefinition
        {
            Id = "sub",
            Kind = "sub-pipeline",
            Config = SubConfig,
            DependsOn = ["prepare"],
        });

        var plan = RerunPlan.For("r", AllOf(pipeline), pipeline, pipeline, fromTask: "sub");
        var commands = new DeciderHarness().Start(pipeline.Definition, plan);

        Assert.Equal(["prepare"], plan.Keys);
        Assert.Equal("sub", commands.Single<StartChildRun>().TaskKey);
    }

    [Fact]
    public void An_unknown_task_is_refused_naming_it_the_field_and_the_closest_task()
    {
        var pipeline = Chain();

        var error = Assert.Throws<InvalidRequestException>(() =>
            RerunPlan.For("r", AllOf(pipeline), pipeline, pipeline, fromTask: "cleen"));
        var empty = Assert.Throws<InvalidRequestException>(() =>
            RerunPlan.For("r", AllOf(pipeline), pipeline, pipeline, fromTask: " "));

        Assert.Equal(RerunFrom.Field, Assert.Single(error.Errors).Path);
        Assert.Contains("'fromTask' is 'cleen'", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no task 'cleen'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'clean'?", error.Message, StringComparison.Ordinal);
        Assert.Equal(RerunFrom.Field, Assert.Single(empty.Errors).Path);
    }

    [Fact]
    public void On_the_latest_version_the_chosen_task_and_its_downstream_may_change_but_kept_tasks_must_fit()
    {
        var pinned = Chain();
        var changedDownstream = V(2, Task("extract"), Task("clean", "extract"), Task("load", "clean", "extract"),
            Task("report", "load"), Task("audit", "extract"), Task("publish", "report"));
        var changedUpstream = V(3, Task("extract"), Task("clean", "extract", "audit"), Task("load", "clean"),
            Task("report", "load"), Task("audit", "extract"));

        var plan = RerunPlan.For("r", AllOf(pinned), pinned, changedDownstream, fromTask: "clean");
        var failedPlan = Assert.Throws<ConflictException>(() =>
            RerunPlan.For("r", AllOf(pinned), pinned, changedDownstream));
        var fromLoad = Assert.Throws<ConflictException>(() =>
            RerunPlan.For("r", AllOf(pinned), pinned, changedUpstream, fromTask: "load"));

        Assert.Equal(["audit", "extract"], plan.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'load' depended on [clean]", failedPlan.Message, StringComparison.Ordinal);
        Assert.Contains("'clean' depended on [extract]", fromLoad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_downstream_only_in_the_pinned_version_is_not_kept()
    {
        var pinned = V(1, Task("a"), Task("b", "a"), Task("c", "b"));
        var target = V(2, Task("a"), Task("b", "a"), Task("c"));

        var plan = RerunPlan.For("r", new Dictionary<string, JsonElement?> { ["a"] = null, ["c"] = null },
            pinned, target, fromTask: "b");

        Assert.Equal(["a"], plan.Keys);
    }

    [Fact]
    public void Downstream_is_the_task_and_every_task_reachable_from_it()
    {
        var definition = Pipeline(Task("a"), Task("b", "a"), Task("c", "b"), Task("d", "a", "c"), Task("e"));

        Assert.Equal(["b", "c", "d"], RerunFrom.Downstream("b", definition).Order(StringComparer.Ordinal));
        Assert.Empty(RerunFrom.Downstream("zz", definition));
    }
}
