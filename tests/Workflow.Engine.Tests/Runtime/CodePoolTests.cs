using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// <c>code</c> tasks that name no pool run in the <c>code</c> pool, ten workers per core by default: handlers that
/// await something run side by side far beyond the core count, while <c>cpu</c> stays as wide as the cores.
/// </summary>
public sealed class CodePoolTests
{
    [Fact]
    public async Task Code_tasks_without_a_pool_run_more_at_once_than_there_are_cores()
    {
        // Arrange: each handler waits until all of them are running, which a pool as wide as the cores never allows.
        var width = 3 * Environment.ProcessorCount;
        var running = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("meet", async (_, _, ct) =>
        {
            if (Interlocked.Increment(ref running) == width)
            {
                all.TrySetResult();
            }

            await all.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return (JsonElement?)null;
        }));
        var tasks = Enumerable.Range(0, width).Select(i => Pipelines.Code($"t{i}", "meet")).ToArray();

        // Act
        var run = await engine.StartRunAsync(Pipelines.Define("code-pool", tasks));
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal([TaskPools.Code], await PoolsOfAsync(engine, run.RunId));
        Assert.Equal(EngineOptions.CodeWorkersPerCore * Environment.ProcessorCount,
            engine.Services.GetRequiredService<IOptions<EngineOptions>>().Value.Pools[TaskPools.Code]);
    }

    [Fact]
    public async Task A_code_task_that_names_the_cpu_pool_runs_there()
    {
        // Arrange
        await using var engine = await TestEngine.StartAsync(s =>
            s.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<JsonElement?>(null)));
        var task = Pipelines.Code("busy", "noop") with { Pool = TaskPools.Cpu };

        // Act
        var run = await engine.StartRunAsync(Pipelines.Define("cpu-pool", task));
        await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal([TaskPools.Cpu], await PoolsOfAsync(engine, run.RunId));
    }

    private static async Task<List<string>> PoolsOfAsync(TestEngine engine, string runId)
    {
        var store = engine.Services.GetRequiredService<SqliteStore>();
        await using var connection = await store.OpenReadConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT pool FROM task_attempts WHERE run_id = $run;";
        command.Parameters.Add(new SqliteParameter("$run", runId));
        var pools = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pools.Add(reader.GetString(0));
        }

        return pools;
    }
}
