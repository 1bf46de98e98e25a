using System.Text.Json.Nodes;
using Microsoft.DurableTask;
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
        Assert.Equal(Execution.TaskStatus.Succeeded, run.Tasks.Single(t => t.TaskKey == "call").Status);
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

        // Assert: the parent's task fails with the reason, in the embedded host's words; its child says why it never
        // started, and the other group's pipeline never ran.
        Assert.Equal(RunStatus.Failed, run.Run.Status);
        var task = run.Tasks.Single(t => t.TaskKey == "call");
        Assert.Equal(Execution.TaskStatus.Failed, task.Status);
        Assert.Equal($"Task 'call': {ChildPipelineAccess.Refusal("moved-child", "team")}", task.Error);
        const string childRunId = "moved-parent@1/call#1";
        var childInstance = await host.Client.GetInstanceAsync(InstanceIds.For(childRunId), getInputsAndOutputs: true);
        Assert.Equal(ChildPipelineAccess.Refusal("moved-child", "team"),
            childInstance!.ReadCustomStatusAs<RunProgress>()!.Error);
        Assert.Equal(0, host.Handlers.CountFor(childRunId, "work", 1));
    }
    [Fact]
    public async Task A_child_request_an_older_build_recorded_without_the_parent_group_is_checked_against_its_parent()
    {
        // Arrange: a parent run of group team, and two children asked for in the shape an older build recorded: the
        // request without parentGroup. One child is still in team; the other moved to another group since.
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "subpipelineold");
        await host.UpsertAsync(Pipeline("kept-child", Code("work", TestHandlers.Count)));
        var moved = Pipeline("gone-child", Code("work", TestHandlers.Count));
        await host.UpsertAsync(moved);
        await host.Workflow.UpsertPipelineAsync(moved with { OwnerGroup = "other" }, 1, "test", CancellationToken.None);
        await host.UpsertAsync(Pipeline("old-parent", Code("a", TestHandlers.Count)));
        await host.StartAsync("old-parent", "old-parent@1");
        await host.CompletedAsync("old-parent@1");

        // Act
        var kept = await RunOldShapeChildAsync(host, "old-parent@1/kept#1", "kept-child");
        var refused = await RunOldShapeChildAsync(host, "old-parent@1/gone#1", "gone-child");

        // Assert: the rule holds for them as for a child asked for today.
        Assert.Equal(RunStatus.Succeeded, kept.Status);
        Assert.Equal(1, host.Handlers.CountFor("old-parent@1/kept#1", "work", 1));
        Assert.Equal(RunStatus.Failed, refused.Status);
        Assert.Equal(ChildPipelineAccess.Refusal("gone-child", "team"), refused.Error);
        Assert.Equal(0, host.Handlers.CountFor("old-parent@1/gone#1", "work", 1));
    }

    /// <summary>Schedules a child run whose input has no parentGroup, as a build before the field wrote it.</summary>
    private static async Task<RunOutcome> RunOldShapeChildAsync(DurableAppHost host, string childRunId,
        string pipelineId)
    {
        var request = new RunRequest(childRunId, pipelineId, global::Workflow.Services.RunTrigger.Parent,
            DateTimeOffset.UtcNow, ParentRunId: ChildRunIds.ParentOf(childRunId));
        var input = JsonNode.Parse(WorkerDataConverter.FromWorkerDefaults().Serialize(
            PipelineRunInput.FromRequest(request))!)!.AsObject();
        var recorded = input.Single(p => p.Key.Equals("request", StringComparison.OrdinalIgnoreCase)).Value!
            .AsObject();
        recorded.Remove(recorded.Select(p => p.Key)
            .Single(k => k.Equals("parentGroup", StringComparison.OrdinalIgnoreCase)));
        var instanceId = InstanceIds.For(childRunId);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.PipelineRun, input,
            new StartOrchestrationOptions(instanceId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true,
            timeout.Token);
        Assert.DoesNotContain("parentGroup", done.SerializedInput!, StringComparison.OrdinalIgnoreCase);
        return done.ReadOutputAs<RunOutcome>()!;
    }
}
