using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Services;

public sealed class WorkflowEngineServiceTests
{
    [Fact]
    public async Task A_run_of_code_tasks_completes_and_its_tasks_and_outputs_are_queryable()
    {
        // Arrange
        var order = new ConcurrentQueue<string>();
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("step", (ctx, args, _) =>
        {
            order.Enqueue(ctx.TaskKey);
            return ValueTask.FromResult<JsonElement?>(ToJson(new { task = ctx.TaskKey, key = ctx.IdempotencyKey }));
        }));
        var pipeline = Define("etl", Code("extract", "step"), Code("load", "step", null, "extract"),
            Code("report", "step", null, "extract"));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal("extract", order.First());
        var detail = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);
        Assert.NotNull(detail);
        Assert.Equal(RunStatus.Succeeded, detail.Run.Status);
        Assert.Equal(3, detail.Run.Summary?.Succeeded);
        Assert.All(detail.Tasks, t => Assert.Equal(Execution.TaskStatus.Succeeded, t.Status));
        var attempts = await engine.Workflow.ListAttemptsAsync(run.RunId, "load", CancellationToken.None);
        var load = Assert.Single(attempts);
        Assert.Equal($"{run.RunId}/load/1", load.Output?.GetProperty("key").GetString());
        var listed = await engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "etl"), CancellationToken.None);
        Assert.Equal(run.RunId, Assert.Single(listed.Items).RunId);
    }

    [Fact]
    public async Task Starting_a_run_with_an_existing_id_returns_that_run_instead_of_a_second_one()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("noop",
            (_, _, _) => ValueTask.FromResult<JsonElement?>(null)));
        var pipeline = Define("nightly", Code("only", "noop"));
        var first = await engine.StartRunAsync(pipeline, "nightly@20260101T000000Z");

        // Act
        var second = await engine.StartRunAsync(pipeline, "nightly@20260101T000000Z");
        await engine.WaitAsync(first.RunId);

        // Assert
        Assert.Equal(first.RunId, second.RunId);
        var runs = await engine.Workflow.ListRunsAsync(new RunQuery(PipelineId: "nightly"), CancellationToken.None);
        Assert.Single(runs.Items);
        Assert.Single(await engine.Workflow.ListAttemptsAsync(first.RunId, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_definition_with_an_unknown_task_kind_is_rejected_when_stored()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var pipeline = Define("bad", new Model.TaskDefinition { Id = "x", Kind = "telepathy" });

        // Act
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await engine.Workflow.UpsertPipelineAsync(pipeline, null, "test", CancellationToken.None));

        // Assert
        Assert.Contains("telepathy", error.Message);
        Assert.Contains("tasks[0].kind", error.Message);
        Assert.Null(await engine.Workflow.GetPipelineAsync("bad", null, CancellationToken.None));
        var kinds = engine.Services.GetRequiredService<Workflow.Runtime.Handlers.HandlerRegistry>().Kinds;
        Assert.Superset(new HashSet<string> { "http", "process", "code", "queue-drain", "delay", "wait-until", "sub-pipeline" },
            kinds.ToHashSet());
    }

    [Fact]
    public async Task Storing_a_changed_definition_makes_a_new_version_and_a_stale_version_is_a_conflict()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync();
        var v1 = Define("p", Code("a", "h"));
        await engine.Workflow.UpsertPipelineAsync(v1, null, "alice", CancellationToken.None);

        // Act
        var same = await engine.Workflow.UpsertPipelineAsync(v1, 1, "alice", CancellationToken.None);
        var v2 = await engine.Workflow.UpsertPipelineAsync(v1 with { Description = "changed" }, 1, "bob",
            CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<VersionConflictException>(async () =>
            await engine.Workflow.UpsertPipelineAsync(v1 with { Description = "again" }, 1, "carol", CancellationToken.None));

        // Assert
        Assert.Equal(1, same.Version);
        Assert.Equal(2, v2.Version);
        Assert.Equal("\"v2\"", v2.ETag);
        Assert.Contains("version 2", conflict.Message);
        Assert.Equal(2, (await engine.Workflow.ListPipelineVersionsAsync("p", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Rerun_failed_keeps_the_successful_results_and_runs_only_the_rest()
    {
        // Arrange
        var calls = new ConcurrentQueue<string>();
        var failLoad = true;
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("step", (ctx, _, _) =>
        {
            calls.Enqueue(ctx.TaskKey);
            if (ctx.TaskKey == "load" && Volatile.Read(ref failLoad))
            {
                throw new Workflow.Runtime.Handlers.TaskFailureException(Model.ErrorKinds.InvalidInput, "bad row");
            }

            return ValueTask.FromResult<JsonElement?>(ToJson(ctx.TaskKey));
        }));
        var pipeline = Define("etl2", Code("extract", "step"), Code("load", "step", null, "extract"));
        var run = await engine.StartRunAsync(pipeline);
        Assert.Equal(RunStatus.Failed, await engine.WaitAsync(run.RunId));
        Volatile.Write(ref failLoad, false);
        calls.Clear();

        // Act
        var rerun = await engine.Workflow.RerunFailedAsync(run.RunId, RerunVersion.Pinned, "test", CancellationToken.None);
        var status = await engine.WaitAsync(rerun.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(["load"], calls.ToArray());
        Assert.Equal(run.RunId, rerun.RerunOf);
    }
}
