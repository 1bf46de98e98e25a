using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class SubPipelineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_sub_pipeline_task_runs_the_child_as_a_sub_orchestration_and_waits_for_it()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "subpipeline");
        await host.UpsertAsync(Pipeline("child", Code("work", TestHandlers.Count)));
        await host.UpsertAsync(Pipeline("parent",
            SubPipeline("call", "child"),
            Code("after", TestHandlers.Count, null, "call")));

        // Act
        await host.StartAsync("parent", "parent@1");
        var run = await host.CompletedAsync("parent@1");

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        const string childRunId = "parent@1/call#1";
        var child = await host.Workflow.GetRunAsync(childRunId, CancellationToken.None);
        Assert.NotNull(child);
        Assert.Equal(RunStatus.Succeeded, child.Run.Status);
        Assert.Equal("child", child.Run.PipelineId);
        Assert.Equal(1, host.Handlers.CountFor(childRunId, "work", 1));
        Assert.Equal(1, host.Handlers.CountFor("parent@1", "after", 1));
    }
}
