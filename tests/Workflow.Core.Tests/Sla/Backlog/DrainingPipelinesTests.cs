using System.Text.Json;
using Workflow.Model;
using Workflow.Services;
using Workflow.Sla.Backlog;

namespace Workflow.Core.Tests.Sla.Backlog;

public class DrainingPipelinesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 3, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pipeline_drains_when_it_is_enabled_and_a_queue_drain_task_names_a_valid_queue()
    {
        Assert.True(WatchedQueues.Drains(Pipeline("a", "orders")));
        Assert.False(WatchedQueues.Drains(Pipeline("a", "orders") with { Enabled = false }));
        Assert.False(WatchedQueues.Drains(Pipeline("a", queue: null)));
        Assert.False(WatchedQueues.Drains(Pipeline("a", "Not A Queue")));
    }

    [Fact]
    public async Task Indexed_pipelines_that_no_longer_drain_are_dropped_and_generated_ones_count_unless_stored()
    {
        // Arrange: the index names one pipeline that drains and one that stopped; the sources generate three.
        IReadOnlyList<PipelineRecord> indexed = [Record(Pipeline("kept", "orders")), Record(Pipeline("stopped", null))];
        IReadOnlyList<PipelineRecord> generated =
        [
            Record(Pipeline("generated", "orders")), Record(Pipeline("stopped", "orders")),
            Record(Pipeline("kept", "orders")), Record(Pipeline("quiet", null)),
        ];
        var asked = new List<string>();

        // Act
        var draining = await DrainingPipelines.SelectAsync(indexed, generated, (id, _) =>
        {
            asked.Add(id);
            return ValueTask.FromResult(id == "stopped");
        }, CancellationToken.None);

        // Assert: "stopped" is stored (without a drain), so its generated namesake does not count.
        Assert.Equal(["kept", "generated"], draining.Select(d => d.Id));
        Assert.Equal(["generated", "stopped"], asked);
    }

    private static PipelineRecord Record(PipelineDefinition definition) =>
        new(definition, definition.Version, "\"v1\"", At, "test");

    private static PipelineDefinition Pipeline(string id, string? queue) => new()
    {
        Id = id,
        OwnerGroup = "ops",
        Tasks =
        [
            queue is null
                ? new TaskDefinition { Id = "t", Kind = "delay" }
                : new TaskDefinition
                {
                    Id = "t",
                    Kind = "queue-drain",
                    Config = JsonSerializer.SerializeToElement(new { queue }),
                },
        ],
    };
}
