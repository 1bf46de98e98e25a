using System.Text.Json;
using Workflow.Model;
using static Workflow.Durable.Tests.TestWorlds;

namespace Workflow.Durable.Tests;

public sealed class RunLoopMapSourceTests
{
    [Fact]
    public async Task Only_the_task_a_map_reads_is_asked_to_keep_its_output_inline()
    {
        // Arrange: "list" feeds a map; "other" feeds nothing a map reads.
        var definition = Pipeline("mapped", Task("list"), Task("other"),
            Task("each", after: ["list"]) with { Map = new MapSpec { Over = "list" } });
        var port = new FakeOrchestrationPort("mapped@1", T0, World());

        // Act
        await RunOrchestrationLoop.RunAsync(port, PipelineRunInput.FromStart(Start(definition)));

        // Assert
        var inline = port.Calls.Where(c => c.StartsWith("activity RunTask ", StringComparison.Ordinal))
            .Select(c => JsonDocument.Parse(c["activity RunTask ".Length..]).RootElement)
            .ToDictionary(i => i.GetProperty("Task").GetProperty("TaskId").GetString()!,
                i => i.GetProperty("Task").GetProperty("KeepOutputInline").GetBoolean());
        Assert.True(inline["list"]);
        Assert.False(inline["other"]);
    }
}
