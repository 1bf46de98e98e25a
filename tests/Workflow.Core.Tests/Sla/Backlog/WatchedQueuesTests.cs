using Workflow.Json;
using Workflow.Sla.Backlog;

namespace Workflow.Core.Tests.Sla.Backlog;

public class WatchedQueuesTests
{
    private static readonly BacklogThresholds Defaults =
        new() { MaxDepth = 100, MaxOldestAge = TimeSpan.FromMinutes(5) };

    [Fact]
    public void Each_drained_queue_is_watched_in_the_owners_group_with_the_tasks_own_limits_over_the_defaults()
    {
        // Arrange
        var definition = PipelineJson.Parse("""
            {"id": "drains", "ownerGroup": "ops", "tasks": [
              {"id": "a", "kind": "queue-drain", "config": {"queue": "orders", "maxDepth": 7}},
              {"id": "b", "kind": "queue-drain", "config": {"queue": "refunds", "maxOldestAge": "30s"}},
              {"id": "c", "kind": "process", "config": {"command": "true"}}]}
            """);

        // Act
        var watched = WatchedQueues.Of(definition, Defaults).ToList();

        // Assert
        Assert.Equal(["ops/orders", "ops/refunds"], watched.Select(w => w.Queue.ToString()));
        Assert.Equal((7L, TimeSpan.FromMinutes(5)),
            (watched[0].Thresholds.MaxDepth, watched[0].Thresholds.MaxOldestAge));
        Assert.Equal((100L, TimeSpan.FromSeconds(30)),
            (watched[1].Thresholds.MaxDepth, watched[1].Thresholds.MaxOldestAge));
    }

    [Fact]
    public void The_default_limits_are_a_new_instance_each_time_so_binding_one_changes_no_other()
    {
        Assert.NotSame(BacklogThresholds.Default, BacklogThresholds.Default);
        Assert.Equal(BacklogThresholds.Default, BacklogThresholds.Default);
    }
}
