using System.Text.Json;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
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
}
