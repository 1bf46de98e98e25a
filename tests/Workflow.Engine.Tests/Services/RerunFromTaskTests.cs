using System.Collections.Concurrent;
using System.Text.Json;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Services;

/// <summary>
/// Rerun from a chosen task on the embedded engine (real SQLite): every code task records its key when it runs, so
/// the tests see exactly what a rerun ran again.
/// </summary>
public sealed class RerunFromTaskTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _calls = new();
    private TestEngine _engine = null!;

    /// <summary>list → each (a map over list) → total; sub (a child run of "rf-child") → after; audit alone.</summary>
    private static PipelineDefinition Parent() => Define("rf-main",
        Code("list", "list"),
        Code("each", "step", null, "list") with { Map = new MapSpec { Over = "list" } },
        Code("total", "sum", null, "each"),
        new TaskDefinition { Id = "sub", Kind = "sub-pipeline", Config = ToJson(new { pipelineId = "rf-child" }) },
        Code("after", "step", null, "sub"),
        Code("audit", "step"));

    public async Task InitializeAsync()
    {
        _engine = await TestEngine.StartAsync(s => s
            .AddCodeHandler("list", (ctx, _, _) => Record(ctx.TaskKey, ToJson(new[] { 1, 2, 3 })))
            .AddCodeHandler("step", (ctx, _, _) => Record(ctx.TaskKey, ToJson(ctx.TaskKey)))
            .AddCodeHandler("sum", (ctx, _, _) => Record(ctx.TaskKey, ToJson(ctx.Input!.Value.GetProperty("each")))));
        await _engine.Workflow.UpsertPipelineAsync(Define("rf-child", Code("c1", "step")), null, "test",
            CancellationToken.None);
    }

    private ValueTask<JsonElement?> Record(string key, JsonElement output)
    {
        _calls.Enqueue(key);
        return ValueTask.FromResult<JsonElement?>(output);
    }

    private async Task<string> SucceededRunAsync()
    {
        var run = await _engine.StartRunAsync(Parent());
        Assert.Equal(RunStatus.Succeeded, await _engine.WaitAsync(run.RunId));
        _calls.Clear();
        return run.RunId;
    }

    [Fact]
    public async Task A_rerun_from_a_map_instance_runs_every_instance_and_what_follows_and_keeps_the_child_run()
    {
        // Arrange
        var first = await SucceededRunAsync();

        // Act
        var rerun = await _engine.Workflow.RerunFromTaskAsync(first, "each[1]", RerunVersion.Pinned, "test",
            CancellationToken.None);
        var status = await _engine.WaitAsync(rerun.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(first, rerun.RerunOf);
        Assert.Equal(["each[0]", "each[1]", "each[2]", "total"], _calls.Order(StringComparer.Ordinal));
        var total = Assert.Single(await _engine.Workflow.ListAttemptsAsync(rerun.RunId, "total", CancellationToken.None));
        Assert.Equal("""["each[0]","each[1]","each[2]"]""", total.Output!.Value.GetRawText());
        var detail = await _engine.Workflow.GetRunAsync(rerun.RunId, CancellationToken.None);
        Assert.Empty(detail!.Children ?? []);
        Assert.Equal(Execution.TaskStatus.Succeeded, detail.Tasks.Single(t => t.TaskKey == "sub").Status);
    }

    [Fact]
    public async Task A_rerun_from_a_sub_pipeline_task_starts_a_new_child_run_and_runs_only_what_follows_it()
    {
        // Arrange
        var first = await SucceededRunAsync();

        // Act
        var rerun = await _engine.Workflow.RerunFromTaskAsync(first, "sub", RerunVersion.Pinned, "test",
            CancellationToken.None);
        var status = await _engine.WaitAsync(rerun.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(["after", "c1"], _calls.Order(StringComparer.Ordinal));
        var detail = await _engine.Workflow.GetRunAsync(rerun.RunId, CancellationToken.None);
        Assert.Equal(rerun.RunId, Assert.Single(detail!.Children ?? []).ParentRunId);
    }

    [Fact]
    public async Task A_task_the_pipeline_does_not_have_is_refused_naming_it_and_starts_nothing()
    {
        // Arrange
        var first = await SucceededRunAsync();

        // Act
        var error = await Assert.ThrowsAsync<InvalidRequestException>(async () =>
            await _engine.Workflow.RerunFromTaskAsync(first, "totl", RerunVersion.Pinned, "test", CancellationToken.None));

        // Assert
        Assert.Equal(RerunFrom.Field, Assert.Single(error.Errors).Path);
        Assert.Contains("has no task 'totl'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'total'?", error.Message, StringComparison.Ordinal);
        var runs = await _engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "rf-main"), CancellationToken.None);
        Assert.Single(runs.Items);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();
}
