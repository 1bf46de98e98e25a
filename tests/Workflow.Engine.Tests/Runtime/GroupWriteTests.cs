using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Runtime.Handlers;
using Workflow.Services;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Runtime;

public sealed class GroupWriteTests
{
    private const int Writers = 40;

    [Fact]
    public async Task Concurrent_api_writes_share_commits_and_only_the_failing_ones_are_undone()
    {
        // Arrange: a pipeline at version 1, and a table for writes made by other parts of the product.
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("noop",
            (_, _, _) => ValueTask.FromResult<JsonElement?>(null)));
        var service = engine.Workflow;
        var writer = engine.Services.GetRequiredService<WriteLoop>();
        await service.UpsertPipelineAsync(Define("shared", Code("a", "noop")), null, "test", CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            await service.UpsertPipelineAsync(Define($"run-{i}", Code("a", "noop")), null, "test", CancellationToken.None);
        }

        await writer.ExecuteAsync((connection, transaction) => Sql(connection, transaction,
            "CREATE TABLE probe (name TEXT NOT NULL);"));

        // Hold the writer inside one op, so that every write below is waiting when it goes on.
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var gate = writer.ExecuteAsync((_, _) =>
        {
            entered.Set();
            return release.Wait(TimeSpan.FromSeconds(60));
        });
        Assert.True(entered.Wait(TimeSpan.FromSeconds(60)));
        var commitsBefore = writer.Batches;

        // Act: many callers write at once; two of them fail inside their op, after the writes before them.
        var creations = Enumerable.Range(0, Writers).Select(i => (Id: $"p-{i:00}", Task: service.UpsertPipelineAsync(
            Define($"p-{i:00}", Code("a", "noop")), null, "test", CancellationToken.None).AsTask())).ToList();
        var bump = service.UpsertPipelineAsync(Define("shared", Code("a", "noop"), Code("b", "noop")), 1, "test",
            CancellationToken.None).AsTask();
        var stale = service.UpsertPipelineAsync(Define("shared", Code("c", "noop")), 1, "test",
            CancellationToken.None).AsTask();
        var kept = writer.ExecuteAsync((connection, transaction) => Sql(connection, transaction,
            "INSERT INTO probe (name) VALUES ('kept');"));
        var undone = writer.ExecuteAsync<int>((connection, transaction) =>
        {
            Sql(connection, transaction, "INSERT INTO probe (name) VALUES ('undone');");
            throw new InvalidOperationException("refused after writing");
        });
        var runs = Enumerable.Range(0, 5).Select(i => service.StartRunAsync(
            new StartRunRequest($"run-{i}", RunTrigger.Api, "test"), CancellationToken.None)
            .AsTask()).ToList();
        release.Set();
        Assert.True(await gate);

        // Assert: each success is visible on another connection as soon as its caller hears of it.
        foreach (var (id, task) in creations)
        {
            var record = await task;
            Assert.Equal(1, record.Version);
            Assert.Equal(1L, Scalar(engine, $"SELECT current_version FROM pipeline_heads WHERE pipeline_id = '{id}';"));
        }

        Assert.Equal(2, (await bump).Version);
        Assert.Equal(2L, Scalar(engine, "SELECT current_version FROM pipeline_heads WHERE pipeline_id = 'shared';"));
        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => stale);
        Assert.Contains("is at version 2, not 1", conflict.Message);
        Assert.Equal(1, await kept);
        Assert.Equal("refused after writing", (await Assert.ThrowsAsync<InvalidOperationException>(() => undone)).Message);
        Assert.Equal(1L, Scalar(engine, "SELECT count(*) FROM probe WHERE name = 'kept';"));
        Assert.Equal(0L, Scalar(engine, "SELECT count(*) FROM probe WHERE name = 'undone';"));
        Assert.Equal(2L, Scalar(engine, "SELECT count(*) FROM pipelines WHERE pipeline_id = 'shared';"));
        var commits = writer.Batches - commitsBefore;
        Assert.True(commits < Writers, $"{Writers + 4} writes took {commits} commits; they should share them.");

        foreach (var run in runs)
        {
            var started = await run;
            Assert.Equal(1L, Scalar(engine, $"SELECT count(*) FROM runs WHERE run_id = '{started.RunId}';"));
            Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(started.RunId));
        }
    }

    private static int Sql(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Reads on a connection of its own, as another process would.</summary>
    private static object? Scalar(TestEngine engine, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(engine.DataDirectory, "workflow.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
