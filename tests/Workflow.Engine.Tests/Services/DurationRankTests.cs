using Microsoft.Data.Sqlite;
using Workflow.Engine.Tests.Alerts;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Services;

public sealed class DurationRankTests
{
    [Fact]
    public async Task A_task_whose_history_has_a_heavy_tail_is_ranked_by_its_p95_and_dispatched_first()
    {
        // Arrange: "tail" usually takes 1 s but 2 of its last 20 runs took 10 min (mean 61 s, p95 600 s);
        // "steady" always takes 2 min. By the mean "steady" would go first, by the p95 "tail" does.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("hold", async (_, _, token) =>
        {
            await release.Task.WaitAsync(token);
            return null;
        }));
        var pipeline = Define("rank-tail", Code("steady", "hold"), Code("tail", "hold")) with
        {
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 1 },
        };
        var tail = Enumerable.Repeat(1_000L, 18).Concat([600_000L, 600_000L]).ToArray();
        await SeedAsync(engine, "rank-tail", ("tail", tail), ("steady", Enumerable.Repeat(120_000L, 20).ToArray()));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var first = await Poll.GetAsync(() => AttemptsAsync(engine, run.RunId), a => a.Count >= 1,
            "the first dispatched attempt");
        release.SetResult();
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));
        var all = await AttemptsAsync(engine, run.RunId);

        // Assert
        Assert.Equal("tail", Assert.Single(first).TaskKey);
        Assert.Equal(600, all.Single(a => a.TaskKey == "tail").Rank, precision: 3);
        Assert.Equal(120, all.Single(a => a.TaskKey == "steady").Rank, precision: 3);
    }

    [Fact]
    public async Task A_task_with_fewer_samples_than_a_p95_needs_is_ranked_by_their_mean()
    {
        // Arrange: two samples are too few for a p95, but still better than knowing nothing.
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("noop",
            (_, _, _) => ValueTask.FromResult<System.Text.Json.JsonElement?>(null)));
        await SeedAsync(engine, "rank-few", ("only", [10_000L, 30_000L]));

        // Act
        var run = await engine.StartRunAsync(Define("rank-few", Code("only", "noop")));
        await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(20, Assert.Single(await AttemptsAsync(engine, run.RunId)).Rank, precision: 3);
    }

    private static async Task SeedAsync(TestEngine engine, string pipelineId, params (string Task, long[] Ms)[] history)
    {
        await using var connection = Open(engine);
        var finishedAt = 1_700_000_000_000L;
        foreach (var (task, durations) in history)
        {
            foreach (var ms in durations)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO task_durations (pipeline_id, task_id, run_id, attempt, finished_at, duration_ms)
                    VALUES ($p, $t, 'seed', 1, $f, $d);
                    """;
                insert.Parameters.AddWithValue("$p", pipelineId);
                insert.Parameters.AddWithValue("$t", task);
                insert.Parameters.AddWithValue("$f", finishedAt++);
                insert.Parameters.AddWithValue("$d", ms);
                await insert.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<List<(string TaskKey, double Rank)>> AttemptsAsync(TestEngine engine, string runId)
    {
        await using var connection = Open(engine);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT task_key, rank FROM task_attempts WHERE run_id = $r ORDER BY queued_at, task_key;";
        query.Parameters.AddWithValue("$r", runId);
        var rows = new List<(string, double)>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetDouble(1)));
        }

        return rows;
    }

    private static SqliteConnection Open(TestEngine engine)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(engine.DataDirectory, "workflow.db"),
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 30000;";
        busy.ExecuteNonQuery();
        return connection;
    }
}
