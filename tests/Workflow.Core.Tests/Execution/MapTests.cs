using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

public class MapTests
{
    private static PipelineDefinition Mapped(string? path = null, int? maxItems = null) => Pipeline(
        Task("list"),
        Task("each", "list") with { Map = new MapSpec { Over = "list", Path = path, MaxItems = maxItems } },
        Task("after", "each"));

    [Fact]
    public void A_map_runs_one_instance_per_element_with_the_element_as_input()
    {
        var run = new DeciderHarness();
        run.Start(Mapped());

        var commands = run.Succeed("list", outputJson: """["x","y","z"]""");

        var runs = commands.Runs().ToList();
        Assert.Equal(["each[0]", "each[1]", "each[2]"], runs.Select(r => r.TaskKey));
        Assert.All(runs, r => Assert.Equal("each", r.TaskId));
        Assert.Equal("y", runs[1].Input!.Value.GetProperty("$item").GetString());
        Assert.Equal(1, runs[1].Input!.Value.GetProperty("$index").GetInt32());
        Assert.Equal("run-1/each[1]/1", runs[1].IdempotencyKey);
    }

    [Fact]
    public void Downstream_waits_for_every_instance_and_gets_the_array_of_their_outputs()
    {
        var run = new DeciderHarness();
        run.Start(Mapped());
        run.Succeed("list", outputJson: "[10,20]");

        var afterOne = run.Succeed("each[1]", outputJson: "21");
        var afterBoth = run.Succeed("each[0]", outputJson: "11");

        Assert.Empty(afterOne.RunKeys());
        var input = afterBoth.Runs().Single().Input!.Value;
        Assert.Equal("[11,21]", input.GetProperty("each").GetRawText());
    }

    [Fact]
    public void A_dotted_path_selects_the_array_inside_the_output()
    {
        var run = new DeciderHarness();
        run.Start(Mapped(path: "result.files"));

        var commands = run.Succeed("list", outputJson: """{"result":{"files":["a.csv","b.csv"]}}""");

        Assert.Equal(["each[0]", "each[1]"], commands.RunKeys());
    }

    [Fact]
    public void A_map_over_an_empty_array_succeeds_with_an_empty_output()
    {
        var run = new DeciderHarness();
        run.Start(Mapped());

        var commands = run.Succeed("list", outputJson: "[]");

        Assert.Equal(TaskStatus.Succeeded, run.StatusOf("each"));
        Assert.Equal("[]", commands.Runs().Single().Input!.Value.GetProperty("each").GetRawText());
    }

    [Fact]
    public void A_map_over_more_elements_than_its_bound_fails_with_a_clear_error()
    {
        var run = new DeciderHarness();
        run.Start(Mapped(maxItems: 2));

        var commands = run.Succeed("list", outputJson: "[1,2,3]");

        Assert.Equal(TaskStatus.Failed, run.StatusOf("each"));
        var message = commands.OfType<Notify>().First(n => n.Kind == NotificationKind.TaskFailed).Message;
        Assert.Contains("3 elements", message, StringComparison.Ordinal);
        Assert.Contains("maxItems", message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, commands.Single<CompleteRun>().Status);
    }

    [Fact]
    public void A_map_over_something_that_is_not_an_array_fails_naming_the_path()
    {
        var run = new DeciderHarness();
        run.Start(Mapped(path: "count"));

        var commands = run.Succeed("list", outputJson: """{"count":3}""");

        var message = commands.OfType<Notify>().First(n => n.Kind == NotificationKind.TaskFailed).Message;
        Assert.Contains("'list.count'", message, StringComparison.Ordinal);
        Assert.Contains("not an array", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_instance_retries_alone_and_a_final_failure_fails_the_mapped_task()
    {
        var run = new DeciderHarness();
        var definition = Mapped() with
        {
            Defaults = new TaskDefaults { Retry = new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.Zero } },
        };
        run.Start(definition);
        run.Succeed("list", outputJson: "[1,2]");
        run.Succeed("each[0]");

        var retry = run.Fire(run.Fail("each[1]", 1, ErrorKinds.Network).Single<StartTimer>().TimerId);
        var end = run.Fail("each[1]", 2, ErrorKinds.Network);

        Assert.Equal(["each[1]"], retry.RunKeys());
        Assert.Equal(TaskStatus.Failed, run.StatusOf("each"));
        Assert.Equal(TaskStatus.Skipped, run.StatusOf("after"));
        Assert.Equal(RunStatus.Failed, end.Single<CompleteRun>().Status);
    }

    [Fact]
    public void A_map_over_a_task_that_is_not_upstream_is_rejected_at_start()
    {
        var run = new DeciderHarness();

        var commands = run.Start(Pipeline(Task("a"), Task("b") with { Map = new MapSpec { Over = "a" } }));

        Assert.Contains("map.over", commands.Single<Notify>().Message, StringComparison.Ordinal);
    }
}
