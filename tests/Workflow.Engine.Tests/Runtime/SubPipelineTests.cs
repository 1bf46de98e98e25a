using System.Text.Json;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Security;
using Workflow.Services;

namespace Workflow.Engine.Tests.Runtime;

public sealed class SubPipelineTests
{
    [Fact]
    public async Task A_sub_pipeline_task_runs_a_child_run_and_continues_when_it_succeeds()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("noop",
            (_, _, _) => ValueTask.FromResult<JsonElement?>(null)));
        var child = Pipelines.Define("child", Pipelines.Code("c1", "noop"), Pipelines.Code("c2", "noop", null, "c1"));
        await engine.Workflow.UpsertPipelineAsync(child, null, "test", CancellationToken.None);
        var parent = Pipelines.Define("parent",
            new TaskDefinition { Id = "sub", Kind = "sub-pipeline", Config = Pipelines.ToJson(new { pipelineId = "child" }) },
            Pipelines.Code("after", "noop", null, "sub"));

        // Act
        var run = await engine.StartRunAsync(parent);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var children = await engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "child"), CancellationToken.None);
        var childRun = Assert.Single(children.Items);
        Assert.Equal(RunStatus.Succeeded, childRun.Status);
        Assert.Equal(RunTrigger.Parent, childRun.Trigger);
        Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "after", CancellationToken.None));
        var detail = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);
        Assert.Equal(Execution.TaskStatus.Succeeded, detail!.Tasks.Single(t => t.TaskKey == "sub").Status);
    }

    [Fact]
    public async Task A_sub_pipeline_task_whose_child_moved_to_another_group_fails_without_starting_it()
    {
        // Arrange: the child was saved in the parent's group, and moved to another group afterwards.
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("noop",
            (_, _, _) => ValueTask.FromResult<JsonElement?>(null)));
        var child = Pipelines.Define("moved-child", Pipelines.Code("c1", "noop"));
        await engine.Workflow.UpsertPipelineAsync(child, null, "test", CancellationToken.None);
        var parent = Pipelines.Define("moved-parent",
            new TaskDefinition
            {
                Id = "sub",
                Kind = "sub-pipeline",
                Config = Pipelines.ToJson(new { pipelineId = "moved-child" }),
            });
        await engine.Workflow.UpsertPipelineAsync(parent, null, "test", CancellationToken.None);
        await engine.Workflow.UpsertPipelineAsync(child with { OwnerGroup = "other" }, 1, "test",
            CancellationToken.None);

        // Act
        var run = await engine.StartRunAsync(parent);
        var status = await engine.WaitAsync(run.RunId);

        // Assert: the task fails with the reason, and the other group's pipeline never ran.
        Assert.Equal(RunStatus.Failed, status);
        var detail = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);
        var task = detail!.Tasks.Single(t => t.TaskKey == "sub");
        Assert.Equal(Execution.TaskStatus.Failed, task.Status);
        Assert.Equal($"Task 'sub': {ChildPipelineAccess.Refusal("moved-child", "team")}", task.Error);
        var children = await engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "moved-child"),
            CancellationToken.None);
        Assert.Empty(children.Items);
    }
}
