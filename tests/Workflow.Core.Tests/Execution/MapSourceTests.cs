using Workflow.Execution;
using Workflow.Model;
using static Workflow.Core.Tests.Execution.Defs;

namespace Workflow.Core.Tests.Execution;

/// <summary>The one map-source rule: the decider marks the attempts whose output a map reads.</summary>
public class MapSourceTests
{
    private static PipelineDefinition Mapped() => Pipeline(Task("list"), Task("other"),
        Task("each", "list") with { Map = new MapSpec { Over = "list" } });

    [Fact]
    public void Only_the_attempt_of_the_task_a_map_reads_is_told_to_keep_its_output_inline()
    {
        // Arrange
        var decider = new DeciderHarness();

        // Act
        var runs = decider.Start(Mapped()).Runs().ToDictionary(r => r.TaskId, r => r.KeepOutputInline);
        var instances = decider.Succeed("list", outputJson: "[1, 2]").Runs().ToList();

        // Assert
        Assert.True(runs["list"]);
        Assert.False(runs["other"]);
        Assert.Equal(2, instances.Count);
        Assert.All(instances, r => Assert.False(r.KeepOutputInline));
    }

    [Fact]
    public void A_host_that_rebuilds_an_attempt_without_its_command_gets_the_same_answer_from_the_state()
    {
        // Arrange
        var decider = new DeciderHarness();
        decider.Start(Mapped());

        // Act
        var restored = RunDecider.Restore(RunDecider.Snapshot(decider.State));

        // Assert
        Assert.True(MapSources.KeepsOutputInline(restored, "list"));
        Assert.False(MapSources.KeepsOutputInline(restored, "other"));
        Assert.False(MapSources.KeepsOutputInline(restored, "ghost"));
    }
}
