using System.Text.Json;
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
        var pipeline = Pipelines.Define("big-map", Pipelines.Code("list", "list"),
            new TaskDefinition
            {
                Id = "each",
                Kind = "code",
                Config = Pipelines.ToJson(new { handler = "item" }),
                DependsOn = ["list"],
                Map = new MapSpec { Over = "list" },
            });

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId, seconds: 120);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        var detail = await engine.Workflow.GetRunAsync(run.RunId, CancellationToken.None);
        Assert.Equal(200, detail!.Tasks.Count(t => t.TaskKey.StartsWith("each[", StringComparison.Ordinal)));
    }
}
