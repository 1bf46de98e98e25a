using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Security;
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

    [Fact]
    public async Task A_sub_pipeline_task_whose_child_moved_to_another_group_fails_without_running_it()
    {
        // Arrange: the child was saved in the parent's group, and moved to another group afterwards.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "subpipelinegroup");
        var child = Pipeline("moved-child", Code("work", TestHandlers.Count));
        await host.UpsertAsync(child);
        await host.UpsertAsync(Pipeline("moved-parent", SubPipeline("call", "moved-child")));
        await host.Workflow.UpsertPipelineAsync(child with { OwnerGroup = "other" }, 1, "test", CancellationToken.None);

        // Act
        await host.StartAsync("moved-parent", "moved-parent@1");
        var run = await host.CompletedAsync("moved-parent@1");

        // Assert: the parent fails; its child says why it never started, and the other group's pipeline never ran.
        // (The Azure host lists a task from its attempt records, which a sub-pipeline task has none of.)
        Assert.Equal(RunStatus.Failed, run.Run.Status);
        const string childRunId = "moved-parent@1/call#1";
        var childInstance = await host.Client.GetInstanceAsync(InstanceIds.For(childRunId), getInputsAndOutputs: true);
        Assert.Equal(ChildPipelineAccess.Refusal("moved-child", "team"),
            childInstance!.ReadCustomStatusAs<RunProgress>()!.Error);
        Assert.Equal(0, host.Handlers.CountFor(childRunId, "work", 1));
    }
}
