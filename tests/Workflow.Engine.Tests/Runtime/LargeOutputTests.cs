using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Logs;

namespace Workflow.Engine.Tests.Runtime;

public sealed class LargeOutputTests
{
    private static readonly JsonElement List = Pipelines.ToJson(Enumerable.Range(0, 200).Select(i => $"row-{i:D4}").ToArray());

    private static Task<TestEngine> StartAsync() => TestEngine.StartAsync(s =>
    {
        s.AddCodeHandler("list", (_, _, _) => ValueTask.FromResult<JsonElement?>(List));
        s.AddCodeHandler("count", (context, _, _) => ValueTask.FromResult<JsonElement?>(
            Pipelines.ToJson(context.Input!.Value.GetProperty("list").GetArrayLength())));
        s.AddCodeHandler("item", (context, _, _) => ValueTask.FromResult<JsonElement?>(context.Input!.Value.GetProperty("$item")));
    }, options: o => o.OutputInlineLimitBytes = 512);

    /// <summary>Task <c>list</c> (run by <paramref name="listHandler"/>) and a map <c>each</c> over its output.</summary>
    private static PipelineDefinition MapOverList(string id, string listHandler) =>
        Pipelines.Define(id, Pipelines.Code("list", listHandler),
            new TaskDefinition
            {
                Id = "each",
                Kind = "code",
                Config = Pipelines.ToJson(new { handler = "item" }),
                DependsOn = ["list"],
                Map = new MapSpec { Over = "list" },
            });

    [Fact]
    public async Task A_large_output_is_kept_in_a_file_and_reaches_the_downstream_task_as_its_value()
    {
        // Arrange
        await using var engine = await StartAsync();
        var pipeline = Pipelines.Define("big-output", Pipelines.Code("list", "list"),
            Pipelines.Code("count", "count", null, "list"));

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var list = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "list", CancellationToken.None));
        Assert.True(OutputReference.IsReference(list.Output!.Value), "the 200-row list is above the 512-byte limit");
        Assert.True(File.Exists(Path.Combine(engine.DataDirectory, "outputs", OutputReference.LocationOf(list.Output.Value)!)));
        var count = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, "count", CancellationToken.None));
        Assert.Equal(200, count.Output!.Value.GetInt32());
    }

    [Fact]
    public async Task A_map_over_a_large_output_runs_one_instance_per_element()
    {
        // Arrange
        await using var engine = await StartAsync();
        var pipeline = MapOverList("big-map", "list");

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId, seconds: 120);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var detail = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);
        Assert.Equal(200, detail!.Tasks.Count(t => t.TaskKey.StartsWith("each[", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_map_source_redelivered_after_a_restart_still_hands_its_large_output_to_the_map_inline()
    {
        // Arrange: the map's source is in flight when the host stops; the restart rebuilds its attempt from the store.
        var data = TempDirectory.Create();
        var deliveries = new List<(int Delivery, string Key)>();
        void Register(IServiceCollection s)
        {
            s.AddCodeHandler("list-once-restarted", async (context, _, ct) =>
            {
                lock (deliveries)
                {
                    deliveries.Add((context.Delivery, context.IdempotencyKey));
                }

                if (context.Delivery == 1)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return List;
            });
            s.AddCodeHandler("item", (context, _, _) =>
                ValueTask.FromResult<JsonElement?>(context.Input!.Value.GetProperty("$item")));
        }

        var pipeline = MapOverList("big-map-restart", "list-once-restarted");
        string runId;
        await using (var first = await TestEngine.StartAsync(Register, data, o => o.OutputInlineLimitBytes = 512))
        {
            runId = (await first.StartRunAsync(pipeline)).RunId;
            await Poll.UntilAsync(() => { lock (deliveries) { return deliveries.Count == 1; } }, "the first delivery");
        }

        // Act
        await using var second = await TestEngine.StartAsync(Register, data, o => o.OutputInlineLimitBytes = 512);
        var status = await second.WaitAsync(runId, seconds: 120);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal([(1, $"{runId}/list/1"), (2, $"{runId}/list/1")], deliveries);
        var detail = await second.Workflow.GetRunAsync(runId, CancellationToken.None);
        Assert.Equal(200, detail!.Tasks.Count(t => t.TaskKey.StartsWith("each[", StringComparison.Ordinal)));
        var list = Assert.Single(await second.Workflow.ListAttemptsAsync(runId, "list", CancellationToken.None));
        Assert.False(OutputReference.IsReference(list.Output!.Value), "a map reads it, so it is kept inline");
    }
}
