using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;

namespace Workflow.Core.Tests.Execution;

public class DispatchTests
{
    [Fact]
    public void Ready_tasks_beyond_max_parallel_wait_for_a_free_slot()
    {
        var run = new DeciderHarness();

        var first = run.Start(Pipeline(2, Task("a"), Task("b"), Task("c")));
        var afterA = run.Succeed("a");

        Assert.Equal(["a", "b"], first.RunKeys());
        Assert.Equal(["c"], afterA.RunKeys());
    }

    [Fact]
    public void Priority_goes_first_then_upward_rank_then_definition_order()
    {
        var run = new DeciderHarness();
        var definition = Pipeline(1,
            Task("short"),
            Task("long-chain-head"),
            Task("urgent") with { Priority = 5 },
            Task("twin"),
            Task("tail-1", "long-chain-head"),
            Task("tail-2", "tail-1"));

        var order = new List<string>();
        order.AddRange(run.Start(definition).RunKeys());
        while (order.Count < 4)
        {
            order.AddRange(run.Succeed(order[^1]).RunKeys());
        }

        Assert.Equal(["urgent", "long-chain-head", "tail-1", "short"], order);
        var next = run.Succeed("short").RunKeys();
        Assert.Equal(["twin"], next);
    }

    [Fact]
    public void Expected_durations_weight_the_upward_rank()
    {
        var run = new DeciderHarness();
        var expected = new Dictionary<string, TimeSpan> { ["slow"] = TimeSpan.FromHours(1) };

        var commands = run.Start(Pipeline(1, Task("fast"), Task("slow")), expected: expected);

        var task = Assert.Single(commands.Runs());
        Assert.Equal("slow", task.TaskKey);
        Assert.Equal(3600, task.Rank);
    }

    [Fact]
    public void Fifo_policy_dispatches_in_definition_order_whatever_the_rank()
    {
        var run = new DeciderHarness();
        var expected = new Dictionary<string, TimeSpan> { ["slow"] = TimeSpan.FromHours(1) };

        var commands = run.Start(Pipeline(1, Task("fast"), Task("slow")), dispatch: DispatchPolicy.Fifo,
            expected: expected);

        Assert.Equal(["fast"], commands.RunKeys());
    }

    [Fact]
    public void Downstream_count_policy_prefers_the_task_with_more_descendants()
    {
        var run = new DeciderHarness();

        var commands = run.Start(Pipeline(1, Task("lonely"), Task("hub"), Task("x", "hub"), Task("y", "hub")),
            dispatch: DispatchPolicy.DownstreamCount);

        var task = Assert.Single(commands.Runs());
        Assert.Equal("hub", task.TaskKey);
        Assert.Equal(2, task.Rank);
    }

    [Fact]
    public void RunTask_carries_pool_priority_timeout_and_an_idempotency_key()
    {
        var run = new DeciderHarness();
        var definition = Pipeline(
            new TaskDefinition { Id = "code", Kind = "code" },
            new TaskDefinition { Id = "http", Kind = "http" },
            new TaskDefinition { Id = "gpu", Kind = "code", Pool = "gpu", Priority = 3 }) with
        {
            Defaults = new TaskDefaults { Priority = 1, Timeout = TimeSpan.FromMinutes(5) },
        };

        var tasks = run.Start(definition).Runs().ToDictionary(r => r.TaskKey);

        Assert.Equal("code", tasks["code"].Pool);
        Assert.Equal("io", tasks["http"].Pool);
        Assert.Equal("gpu", tasks["gpu"].Pool);
        Assert.Equal(1, tasks["http"].Priority);
        Assert.Equal(3, tasks["gpu"].Priority);
        Assert.Equal("run-1/http/1", tasks["http"].IdempotencyKey);
        Assert.Equal(TimeSpan.FromMinutes(5), tasks["http"].Timeout);
    }

    [Fact]
    public void A_default_pool_applies_to_tasks_without_their_own()
    {
        var run = new DeciderHarness();
        var definition = Pipeline(new TaskDefinition { Id = "code", Kind = "code" }) with
        {
            Defaults = new TaskDefaults { Pool = "batch" },
        };

        var task = run.Start(definition).Runs().Single();

        Assert.Equal("batch", task.Pool);
    }
}
