using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Storage;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Tests.Storage;

/// <summary>
/// <c>task_attempts</c> keeps an attempt's input without the run-level <c>$params</c> and <c>$run</c>; an attempt
/// redelivered after a restart gets them back as its first delivery saw them, also from a row an older engine
/// wrote whole.
/// </summary>
public sealed class AttemptInputStorageTests
{
    private sealed record Seen(string? Input, string? Args, string? RunId, string? Parameters, string Key);

    private readonly ConcurrentDictionary<int, Seen> _gate = new();

    private void Register(IServiceCollection services)
    {
        services.AddCodeHandler("up", (_, _, _) =>
            ValueTask.FromResult<JsonElement?>(JsonSerializer.SerializeToElement(new { rows = 3, s = "é" })));
        services.AddCodeHandler("gate", async (context, args, ct) =>
        {
            _gate[context.Delivery] = new Seen(context.Input?.GetRawText(), args?.GetRawText(), context.Run?.RunId,
                context.Parameters?.GetRawText(), context.IdempotencyKey);
            if (context.Delivery == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return null;
        });
    }

    private static PipelineDefinition Pipeline() => Pipelines.Define("inputs",
        Pipelines.Code("up", "up"),
        Pipelines.Code("gate", "gate", new { who = "{{ params.who }}", run = "{{ run.id }}" }, "up")) with
    {
        Parameters = [new ParameterDefinition { Name = "who", Type = "string" }],
    };

    private async Task<(string Path, string RunId)> StopWithTheGateInFlightAsync()
    {
        var data = TempDirectory.Create();
        await using var engine = await TestEngine.StartAsync(Register, data);
        await engine.Workflow.UpsertPipelineAsync(Pipeline(), null, "test", CancellationToken.None);
        var run = await engine.Workflow.StartRunAsync(new StartRunRequest("inputs", RunTrigger.Api, "test",
            JsonDocument.Parse("{\"who\":\"zoë\"}").RootElement.Clone()), CancellationToken.None);
        await Poll.UntilAsync(() => _gate.ContainsKey(1), "the gate's first delivery");
        return (Path.Combine(data, "workflow.db"), run.RunId);
    }

    private async Task AssertRedeliveredAsBeforeAsync(string path, string runId)
    {
        await using var engine = await TestEngine.StartAsync(Register, Path.GetDirectoryName(path));
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(runId));
        var first = _gate[1];
        Assert.Equal(first, _gate[2]);
        Assert.Contains("\"$run\"", first.Input, StringComparison.Ordinal);
        Assert.Contains("\"rows\":3", first.Input, StringComparison.Ordinal);
        Assert.Equal(runId, first.RunId);
        Assert.Equal($"{runId}/gate/1", first.Key);
        Assert.DoesNotContain("{{", first.Args, StringComparison.Ordinal);
        Assert.Contains(runId, first.Args, StringComparison.Ordinal);
        Assert.Contains("zo", first.Args, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_row_holds_no_run_level_input_and_a_redelivery_gets_it_back()
    {
        // Arrange
        var (path, runId) = await StopWithTheGateInFlightAsync();

        // Act
        var stored = await SqliteFile.QueryTextsAsync(path,
            $"SELECT input FROM task_attempts WHERE run_id = '{runId}' AND task_key = 'gate';");

        // Assert
        Assert.Equal(["{\"up\":{\"rows\":3,\"s\":\"\\u00E9\"}}"], stored);
        Assert.Equal(RunTask.IdempotencyKeyFor(runId, "gate", 1), _gate[1].Key);
        await AssertRedeliveredAsBeforeAsync(path, runId);
    }

    [Fact]
    public async Task A_row_an_older_engine_wrote_whole_is_redelivered_as_it_was()
    {
        // Arrange: the row as engines before this one wrote it, with the whole input the first delivery saw.
        var (path, runId) = await StopWithTheGateInFlightAsync();
        var first = _gate[1];
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = """
                UPDATE task_attempts SET input = $input WHERE run_id = $run AND task_key = 'gate';
                """;
            update.Parameters.AddWithValue("$input", first.Input);
            update.Parameters.AddWithValue("$run", runId);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        // Act and assert
        await AssertRedeliveredAsBeforeAsync(path, runId);
    }

    [Fact]
    public async Task Attempt_rows_an_older_schema_stored_keep_their_values_and_lose_only_the_key_column()
    {
        // Arrange: a data file at schema version 4, whose attempt rows stored the key.
        var directory = TempDirectory.Create();
        var path = Path.Combine(directory, "workflow.db");
        await SqliteFile.ExecuteAsync(path, string.Concat(EngineSchema.Migrations.Take(4).Select(m => m.Sql)) +
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);" +
            "INSERT INTO schema_migrations VALUES (1, 'a', 0), (2, 'b', 0), (3, 'c', 0), (4, 'd', 0);" +
            """
            INSERT INTO task_attempts (run_id, task_key, attempt, task_id, kind, pool, priority, rank, status, config,
                input, timeout_ms, idempotency_key, queued_at, finished_at, deliveries, output, log_bytes)
            VALUES ('r1', 'load[2]', 3, 'load', 'code', 'code', 5, 1.5, 'succeeded', '{"a":1}', '{"$run":{"id":"r1"}}',
                900, 'r1/load[2]/3', 10, 20, 2, '{"n":7}', 4),
                ('r1', 'next', 1, 'next', 'code', 'code', 0, 0, 'queued', NULL, '{}', NULL, 'r1/next/1', 30, NULL, 0,
                NULL, 0);
            """);

        // Act
        await using (await TestEngine.StartAsync(dataDirectory: directory))
        {
        }

        // Assert
        var rows = await SqliteFile.QueryTextsAsync(path, """
            SELECT concat_ws('|', run_id, task_key, attempt, task_id, kind, pool, priority, rank, status, config, input,
                timeout_ms, queued_at, finished_at, deliveries, output, log_bytes)
            FROM task_attempts ORDER BY queued_at;
            """);
        Assert.Equal([
            "r1|load[2]|3|load|code|code|5|1.5|succeeded|{\"a\":1}|{\"$run\":{\"id\":\"r1\"}}|900|10|20|2|{\"n\":7}|4",
            "r1|next|1|next|code|code|0|0.0|queued|{}|30|0|0",
        ], rows);
        Assert.Empty(await SqliteFile.QueryTextsAsync(path,
            "SELECT name FROM pragma_table_xinfo('task_attempts') WHERE name = 'idempotency_key';"));
        Assert.Equal([1L], await SqliteFile.QueryLongsAsync(path, "SELECT count(*) FROM work_items;"));
        Assert.Superset(new HashSet<long> { 5, 9 },
            (await SqliteFile.QueryLongsAsync(path, "SELECT version FROM schema_migrations;")).ToHashSet());
    }
}
