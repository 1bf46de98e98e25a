using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// A run's final snapshot is saved after its end has committed; until then, and without it, a finished run reads the
/// same from its events.
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

    private static string[] Statuses(Workflow.Services.RunDetail detail) =>
        [.. detail.Tasks.Select(t => $"{t.TaskKey}={t.Status}").Order(StringComparer.Ordinal)];

    private static Task<TestEngine> StartAsync() => TestEngine.StartAsync(s =>
        s.AddCodeHandler("noop", (_, _, _) => ValueTask.FromResult<System.Text.Json.JsonElement?>(null)));

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
