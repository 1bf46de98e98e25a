using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Building;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using static Workflow.Engine.Tests.Support.Pipelines;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Engine.Tests.Services;

/// <summary>
/// A run of a generated pipeline lists the tasks of the version it was started with after its pipeline source moved
/// on: the catalogue no longer gives that version, the run's own state does.
/// </summary>
public sealed class GeneratedRunDetailTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_run_lists_its_generated_versions_tasks_after_the_source_generates_another_version()
    {
        // Arrange: version 1 waits at a gate before its second task; the source then generates version 2.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var source = new MovingPipelineSource(Define("gen", Code("hold", "gate"), Code("after", "step", null, "hold")) with
        {
            Version = 1,
        });
        await using var engine = await TestEngine.StartAsync(s =>
        {
            s.AddSingleton<IPipelineSource>(source);
            s.AddCodeHandler("gate", async (_, _, ct) =>
            {
                await gate.Task.WaitAsync(ct);
                return (JsonElement?)null;
            });
            s.AddCodeHandler("step", (_, _, _) => ValueTask.FromResult<JsonElement?>(null));
        });
        var run = await engine.Workflow.StartRunAsync(new StartRunRequest("gen", RunTrigger.Api, "test"), None);
        await Poll.UntilAsync(async () => (await engine.Workflow.ListAttemptsAsync(run.RunId, "hold", None))
            .Any(a => a.Status == TaskStatus.Running), "the first attempt to run");
        source.Current = Define("gen", Code("other", "step")) with { Version = 2 };

        // Act
        var going = await engine.Workflow.GetRunAsync(run.RunId, None);
        gate.SetResult();
        await engine.WaitAsync(run.RunId);
        var ended = await engine.Workflow.GetRunAsync(run.RunId, None);

        // Assert
        Assert.Equal(1, going!.Run.PipelineVersion);
        Assert.Equal([("hold", TaskStatus.Running), ("after", TaskStatus.Pending)],
            going.Tasks.Select(t => (t.TaskKey, t.Status)));
        Assert.Equal(["hold", "after"], ended!.Tasks.Select(t => t.TaskKey));
        Assert.Null(ended.Notices);
    }
}
