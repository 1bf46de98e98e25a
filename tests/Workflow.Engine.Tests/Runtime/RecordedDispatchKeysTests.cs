using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// A run's dispatch keys are planned before the writer creates the run and recorded in its stored
/// <see cref="RunStarted"/>; recovery dispatches by the recorded keys and never plans again.
/// </summary>
public sealed class RecordedDispatchKeysTests
{
    private static readonly PipelineDefinition OneSlot = Define("one-slot",
        [.. new[] { "a", "b", "c", "d", "e" }.Select(id => Code(id, "ordered"))]) with
    {
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 1 },
    };

    [Fact]
    public async Task The_start_records_the_planned_keys_and_a_restarted_engine_dispatches_by_the_recorded_ones()
    {
        // Arrange: one slot for five independent tasks; the first delivery hangs until the host stops.
        var data = TempDirectory.Create();
        var deliveries = new ConcurrentQueue<string>();
        void Register(IServiceCollection s) => s.AddCodeHandler("ordered", async (context, _, ct) =>
        {
            deliveries.Enqueue(context.TaskKey);
            if (deliveries.Count == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return null;
        });
        string runId;
        JsonArray recorded;
        await using (var first = await TestEngine.StartAsync(Register, data))
        {
            runId = (await first.StartRunAsync(OneSlot)).RunId;
            await Poll.UntilAsync(() => !deliveries.IsEmpty, "the first delivery");
            recorded = (JsonArray)StartEvent(data, runId)["dispatchKeys"]!;
        }

        // Act: the recorded keys are changed to what another planner might have planned (b last), then the host
        // starts again: the run goes on from its stored events.
        var replanned = new JsonArray(5, 1, 2, 3, 4);
        var start = StartEvent(data, runId);
        start["dispatchKeys"] = replanned;
        WriteStartEvent(data, runId, start);
        RunStatus status;
        await using (var second = await TestEngine.StartAsync(Register, data))
        {
            status = await second.WaitAsync(runId);
        }

        // Assert
        var planned = PolicyDispatchPlanner.Instance.Plan(OneSlot, null, DispatchPolicy.Simulated)!;
        Assert.Equal(planned, recorded.Select(k => k!.GetValue<double>()));
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal(["a", "a", "e", "d", "c", "b"], deliveries);
        Assert.All(planned, k => Assert.Equal(planned[0], k));
    }

    [Fact]
    public async Task A_child_run_and_its_own_child_record_the_keys_their_top_level_start_planned()
    {
        // Arrange: parent -> child (a sub-pipeline task) -> grandchild, each child of a shape the planner orders.
        var data = TempDirectory.Create();
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("ordered",
            (_, _, _) => ValueTask.FromResult<JsonElement?>(null)), data);
        var grandchild = OneSlot with { Id = "grandchild" };
        var child = OneSlot with { Id = "child", Tasks = [.. OneSlot.Tasks, SubPipeline("deeper", "grandchild")] };
        await engine.Workflow.UpsertPipelineAsync(grandchild, null, "test", CancellationToken.None);
        await engine.Workflow.UpsertPipelineAsync(child, null, "test", CancellationToken.None);

        // Act
        var parent = await engine.StartRunAsync(Define("parent", SubPipeline("sub", "child")));
        var status = await engine.WaitAsync(parent.RunId);

        // Assert: the keys are in each child's stored start, as the planner plans its stored version.
        var childRunId = ChildRunIds.For(parent.RunId, "sub", 1);
        var grandchildRunId = ChildRunIds.For(childRunId, "deeper", 1);
        Assert.Equal(RunStatus.Succeeded, status);
        foreach (var (runId, pipelineId) in new[] { (childRunId, "child"), (grandchildRunId, "grandchild") })
        {
            var stored = (await engine.Workflow.GetPipelineAsync(pipelineId, null, CancellationToken.None))!.Definition;
            var recorded = StartEvent(data, runId)["dispatchKeys"] as JsonArray;
            Assert.NotNull(recorded);
            Assert.Equal(PolicyDispatchPlanner.Instance.Plan(stored, null, DispatchPolicy.Simulated)!,
                recorded.Select(k => k!.GetValue<double>()));
        }
    }

    private static TaskDefinition SubPipeline(string id, string pipelineId) => new()
    {
        Id = id,
        Kind = "sub-pipeline",
        Config = ToJson(new { pipelineId }),
    };

    private static JsonObject StartEvent(string data, string runId)
    {
        using var connection = Open(data);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT body FROM run_events WHERE run_id = $r AND seq = 1;";
        read.Parameters.AddWithValue("$r", runId);
        var body = read.ExecuteScalar() switch
        {
            string text => text,
            byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
            var other => throw new InvalidOperationException($"The start event's body is {other?.GetType().Name}."),
        };
        var start = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("run-started", start["type"]!.GetValue<string>());
        return start;
    }

    private static void WriteStartEvent(string data, string runId, JsonObject start)
    {
        using var connection = Open(data);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE run_events SET body = $b WHERE run_id = $r AND seq = 1;";
        write.Parameters.AddWithValue("$b", start.ToJsonString());
        write.Parameters.AddWithValue("$r", runId);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    private static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, "workflow.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
