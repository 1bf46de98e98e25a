using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// A run's final snapshot is saved after its end has committed; until then, and without it, a finished run reads the
/// same from its events. A stop waits for the saves under way, and start-up makes up for one a crash left out.
/// </summary>
public sealed class FinalSnapshotTests
{
    [Fact]
    public async Task The_final_snapshot_is_saved_after_the_end_and_holds_the_runs_last_event()
    {
        // Arrange
        await using var engine = await StartAsync();
        var db = Path.Combine(engine.DataDirectory, "workflow.db");

        // Act
        var run = await engine.StartRunAsync(Pipeline("final-saved"));
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));

        // Assert
        await Poll.UntilAsync(async () => (await SqliteFile.QueryLongsAsync(db, $"""
            SELECT count(*) FROM run_snapshots
            WHERE run_id = '{run.RunId}' AND seq = (SELECT max(seq) FROM run_events WHERE run_id = '{run.RunId}');
            """))[0] == 1, "the final snapshot, at the run's last event");
    }

    [Fact]
    public async Task Without_its_final_snapshot_a_finished_run_reads_the_same_from_its_events()
    {
        // Arrange: the delay task never has a worker, so only the decider's final state says it succeeded.
        await using var engine = await StartAsync();
        var db = Path.Combine(engine.DataDirectory, "workflow.db");
        var run = await engine.StartRunAsync(Pipeline("final-replayed"));
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));
        await Poll.UntilAsync(async () => (await SqliteFile.QueryLongsAsync(db,
            $"SELECT count(*) FROM run_snapshots WHERE run_id = '{run.RunId}';"))[0] == 1, "the final snapshot");
        var withSnapshot = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);

        // Act
        await SqliteFile.ExecuteAsync(db, $"DELETE FROM run_snapshots WHERE run_id = '{run.RunId}';");
        var withoutSnapshot = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);

        // Assert
        Assert.Equal(Execution.TaskStatus.Succeeded, withSnapshot!.Tasks.Single(t => t.TaskId == "pause").Status);
        Assert.Equal(Statuses(withSnapshot), Statuses(withoutSnapshot!));
    }

    [Fact]
    public async Task A_host_stopped_right_after_a_run_ends_has_saved_its_final_snapshot()
    {
        // Arrange: a run big enough that its snapshot is still being serialized when the stop begins.
        var directory = TempDirectory.Create();
        var engine = await StartAsync(directory);
        var tasks = Enumerable.Range(0, 5000).Select(i => Code($"t{i}", "noop")).ToArray();
        var run = await engine.StartRunAsync(Define("final-stop", tasks));
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));

        // Act
        await engine.DisposeAsync();

        // Assert
        Assert.Equal([1L], await SqliteFile.QueryLongsAsync(Path.Combine(directory, "workflow.db"), $"""
            SELECT count(*) FROM run_snapshots s JOIN runs r USING (run_id)
            WHERE s.run_id = '{run.RunId}' AND s.seq = r.last_seq AND r.last_seq = 5001;
            """));
    }

    [Fact]
    public async Task Start_up_saves_the_final_snapshot_a_crash_left_out()
    {
        // Arrange: a finished run as the host leaves it when it dies between the end and the save: the end's
        // transaction marked the snapshot due, and no snapshot was written.
        var directory = TempDirectory.Create();
        var db = Path.Combine(directory, "workflow.db");
        var runId = await FinishedRunAsync(directory, "final-repaired");
        Assert.Equal([0L], await SqliteFile.QueryLongsAsync(db, "SELECT count(*) FROM final_snapshots_due;"));
        await SqliteFile.ExecuteAsync(db, $"""
            DELETE FROM run_snapshots WHERE run_id = '{runId}';
            INSERT INTO final_snapshots_due (run_id) VALUES ('{runId}');
            """);

        // Act
        await using var second = await StartAsync(directory);

        // Assert
        await AssertRepairedAsync(second, db, runId);
    }

    [Fact]
    public async Task Start_up_reads_only_the_runs_marked_due_not_every_finished_run()
    {
        // Arrange: a finished run without its snapshot and not marked (its snapshot removed by hand): start-up has no
        // reason to look at it, and readers replay its events instead.
        var directory = TempDirectory.Create();
        var db = Path.Combine(directory, "workflow.db");
        var runId = await FinishedRunAsync(directory, "final-unmarked");
        await SqliteFile.ExecuteAsync(db, $"DELETE FROM run_snapshots WHERE run_id = '{runId}';");

        // Act
        await using var second = await StartAsync(directory);

        // Assert
        Assert.Equal([0L], await SqliteFile.QueryLongsAsync(db, $"SELECT count(*) FROM run_snapshots WHERE run_id = '{runId}';"));
        var pause = (await second.Workflow.GetRunAsync(runId, CancellationToken.None))!.Tasks.Single(t => t.TaskId == "pause");
        Assert.Equal(Execution.TaskStatus.Succeeded, pause.Status);
    }

    [Fact]
    public async Task A_file_from_before_the_due_marks_gets_the_snapshot_a_crash_left_out()
    {
        // Arrange: a file at schema 7 (no due marks) whose host died between a run's end and its save.
        var directory = TempDirectory.Create();
        var db = Path.Combine(directory, "workflow.db");
        var runId = await FinishedRunAsync(directory, "final-migrated");
        await SqliteFile.ExecuteAsync(db, $"""
            DELETE FROM run_snapshots WHERE run_id = '{runId}';
            DROP TABLE final_snapshots_due;
            DELETE FROM schema_migrations WHERE version = 8;
            """);

        // Act
        await using var second = await StartAsync(directory);

        // Assert
        await AssertRepairedAsync(second, db, runId);
    }

    [Fact]
    public async Task A_purged_run_leaves_no_due_mark_behind()
    {
        // Arrange: a mark whose run is gone (purged before its snapshot was saved).
        var directory = TempDirectory.Create();
        var db = Path.Combine(directory, "workflow.db");
        await FinishedRunAsync(directory, "final-purged");
        await SqliteFile.ExecuteAsync(db, "INSERT INTO final_snapshots_due (run_id) VALUES ('gone');");

        // Act
        await using var second = await StartAsync(directory);

        // Assert
        Assert.Equal([0L], await SqliteFile.QueryLongsAsync(db, "SELECT count(*) FROM final_snapshots_due;"));
        Assert.Equal([0L], await SqliteFile.QueryLongsAsync(db, "SELECT count(*) FROM run_snapshots WHERE run_id = 'gone';"));
    }

    private static async Task<string> FinishedRunAsync(string directory, string pipelineId)
    {
        await using var first = await StartAsync(directory);
        var runId = (await first.StartRunAsync(Pipeline(pipelineId))).RunId;
        Assert.Equal(RunStatus.Succeeded, await first.WaitAsync(runId));
        return runId;
    }

    private static async Task AssertRepairedAsync(TestEngine engine, string db, string runId)
    {
        Assert.Equal([1L], await SqliteFile.QueryLongsAsync(db, $"""
            SELECT count(*) FROM run_snapshots s JOIN runs r USING (run_id)
            WHERE s.run_id = '{runId}' AND s.seq = r.last_seq;
            """));
        Assert.Equal([0L], await SqliteFile.QueryLongsAsync(db, "SELECT count(*) FROM final_snapshots_due;"));
        var pause = (await engine.Workflow.GetRunAsync(runId, CancellationToken.None))!.Tasks.Single(t => t.TaskId == "pause");
        Assert.Equal(Execution.TaskStatus.Succeeded, pause.Status);
    }

    private static string[] Statuses(Workflow.Services.RunDetail detail) =>
        [.. detail.Tasks.Select(t => $"{t.TaskKey}={t.Status}").Order(StringComparer.Ordinal)];

    private static Task<TestEngine> StartAsync(string? directory = null) => TestEngine.StartAsync(s =>
        s.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<System.Text.Json.JsonElement?>(null)), directory);

    private static PipelineDefinition Pipeline(string id) => Define(id,
        Code("first", "noop"),
        new TaskDefinition
        {
            Id = "pause",
            Kind = "delay",
            Config = ToJson(new { duration = "0s" }),
            DependsOn = ["first"],
        },
        Code("last", "noop", null, "pause"));
}
