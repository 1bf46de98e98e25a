using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Engine.Retention;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Retention;

/// <summary>The retention purge trims every growing table, not only the runs, a bounded number of rows a pass.</summary>
public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long Old = (Now - TimeSpan.FromDays(60)).ToUnixTimeMilliseconds();
    private static readonly long Recent = (Now - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Alerts_deliveries_queue_messages_and_durations_past_retention_are_deleted_and_the_rest_kept()
    {
        // Arrange
        await using var engine = await StartAsync();
        var db = Path.Combine(engine.DataDirectory, "workflow.db");
        await SqliteFile.ExecuteAsync(db, $"""
            {Alert("old-cleared", raised: Old, cleared: Old, runId: null)}
            {Alert("recent-cleared", raised: Old, cleared: Recent, runId: null)}
            {Alert("old-active", raised: Old, cleared: null, runId: null)}
            {Alert("of-purged-run", raised: Old, cleared: null, runId: "gone@1")}
            {Delivery("old-cleared", "raised", delivered: null)}
            {Delivery("recent-cleared", "raised", delivered: Old)}
            {Delivery("recent-cleared", "cleared", delivered: null)}
            INSERT INTO queue_messages (queue, body, enqueued_at) VALUES ('q', '1', {Old}), ('q', '2', {Recent});
            {Durations("a", 25)}
            {Durations("b", 3)}
            """);

        // Act
        await engine.Services.GetRequiredService<RetentionPurger>().PurgeAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["old-active", "recent-cleared"],
            await SqliteFile.QueryTextsAsync(db, "SELECT alert_id FROM alerts ORDER BY 1;"));
        Assert.Equal(["recent-cleared/cleared"],
            await SqliteFile.QueryTextsAsync(db, "SELECT alert_id || '/' || event FROM alert_deliveries;"));
        Assert.Equal([2L], await SqliteFile.QueryLongsAsync(db, "SELECT CAST(body AS INTEGER) FROM queue_messages;"));
        Assert.Equal([20L, 3L], await SqliteFile.QueryLongsAsync(db,
            "SELECT count(*) FROM task_durations GROUP BY task_id ORDER BY task_id;"));
        Assert.Equal([6L], await SqliteFile.QueryLongsAsync(db,
            "SELECT min(duration_ms) FROM task_durations WHERE task_id = 'a';"));
        Assert.True(engine.Logs.Has(Log.Ids.Swept));
    }

    [Fact]
    public async Task A_deleted_pipelines_durations_go_with_it_and_the_ones_a_run_records_later_with_retention()
    {
        // Arrange: durations of two stored pipelines and of one no head names (as a pipeline source's are).
        await using var engine = await StartAsync();
        var db = Path.Combine(engine.DataDirectory, "workflow.db");
        foreach (var id in new[] { "gone", "kept" })
        {
            await engine.Workflow.UpsertPipelineAsync(Pipelines.Define(id, Pipelines.Code("a", "noop")), null, "test",
                CancellationToken.None);
        }

        await SqliteFile.ExecuteAsync(db, Durations("a", 3, "gone") + Durations("a", 3, "kept") +
                                          Durations("a", 3, "from-source"));
        const string Counts =
            "SELECT pipeline_id || '=' || count(*) FROM task_durations GROUP BY pipeline_id ORDER BY 1;";

        // Act
        await engine.Workflow.DeletePipelineAsync("gone", null, "test", CancellationToken.None);
        var afterDelete = await SqliteFile.QueryTextsAsync(db, Counts);
        // A run still going at the delete records its durations when it ends.
        await SqliteFile.ExecuteAsync(db, Durations("b", 2, "gone"));
        await engine.Services.GetRequiredService<RetentionPurger>().PurgeAsync(CancellationToken.None);
        var afterPurge = await SqliteFile.QueryTextsAsync(db, Counts);

        // Assert
        Assert.Equal(["from-source=3", "kept=3"], afterDelete);
        Assert.Equal(["from-source=3", "kept=3"], afterPurge);
    }

    [Fact]
    public async Task A_pass_deletes_at_most_the_configured_rows_of_a_table_and_the_next_pass_the_rest()
    {
        // Arrange
        await using var engine = await StartAsync(o => o.PurgeMaxRowsPerTable = 700);
        var db = Path.Combine(engine.DataDirectory, "workflow.db");
        var rows = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"('q', '{i}', {Old})"));
        await SqliteFile.ExecuteAsync(db, $"INSERT INTO queue_messages (queue, body, enqueued_at) VALUES {rows};");
        var purger = engine.Services.GetRequiredService<RetentionPurger>();

        // Act
        await purger.PurgeAsync(CancellationToken.None);
        var afterFirst = await SqliteFile.QueryLongsAsync(db, "SELECT count(*) FROM queue_messages;");
        await purger.PurgeAsync(CancellationToken.None);
        var afterSecond = await SqliteFile.QueryLongsAsync(db, "SELECT count(*) FROM queue_messages;");

        // Assert
        Assert.Equal([300L], afterFirst);
        Assert.Equal([0L], afterSecond);
    }

    private static Task<TestEngine> StartAsync(Action<EngineOptions>? options = null) =>
        TestEngine.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            s.AddWorkflowAlerts();
        }, options: options);

    private static string Alert(string id, long raised, long? cleared, string? runId) => $"""
        INSERT INTO alerts (alert_id, kind, severity, pipeline_id, owner_group, run_id, message, raised_at,
                            cleared_at, raise_count, body)
        VALUES ('{id}', 'failure', 'error', 'p', 'g', {Sql(runId)}, 'm', {raised}, {Sql(cleared)}, 1, '""');
        """;

    private static string Delivery(string alertId, string @event, long? delivered) => $"""
        INSERT INTO alert_deliveries (alert_id, event, url, delivered_at, attempts, next_attempt_at, payload)
        VALUES ('{alertId}', '{@event}', 'http://127.0.0.1:1/hook', {Sql(delivered)}, 1, {Old}, '""');
        """;

    /// <summary><paramref name="count"/> durations of task <paramref name="taskId"/>, the n-th lasting n ms.</summary>
    private static string Durations(string taskId, int count, string pipelineId = "p") =>
        "INSERT INTO task_durations (pipeline_id, task_id, run_id, attempt, finished_at, duration_ms) VALUES " +
        string.Join(", ", Enumerable.Range(1, count)
            .Select(n => $"('{pipelineId}', '{taskId}', 'r{n}', 1, {Old + n}, {n})")) + ";";

    private static string Sql(object? value) => value switch
    {
        null => "NULL",
        string text => $"'{text}'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
