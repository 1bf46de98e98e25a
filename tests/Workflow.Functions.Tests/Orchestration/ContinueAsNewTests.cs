using System.Text.Json;
using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Xunit.Abstractions;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class ContinueAsNewTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Layers = 40;
    private const int Width = 50;

    /// <summary>Layer by layer, each task after the two tasks above it: 2,000 tasks, 3,950 edges.</summary>
    private static PipelineDefinition Dag() => Pipeline("big",
    [
        .. Enumerable.Range(0, Layers).SelectMany(layer => Enumerable.Range(0, Width).Select(i => layer == 0
            ? Code(Key(layer, i), TestHandlers.Count)
            : Code(Key(layer, i), TestHandlers.Count, null, Key(layer - 1, i), Key(layer - 1, (i + 1) % Width)))),
    ]);

    private static string Key(int layer, int i) => $"t{layer:D2}-{i:D2}";

    [Fact]
    public async Task A_run_of_2000_tasks_continues_as_new_across_generations_and_runs_every_attempt_exactly_once()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "continue-as-new",
            new Dictionary<string, string?> { ["Workflow:RunLoop:MaxEventsPerGeneration"] = "500" });
        await host.UpsertAsync(Dag());

        // Act
        await host.StartAsync("big", "big@1");
        var run = await host.CompletedAsync("big@1", seconds: 240);

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal(Layers * Width, run.Run.Summary?.Succeeded);
        var instance = await host.Client.GetInstanceAsync(InstanceIds.For("big@1"), getInputsAndOutputs: true);
        var progress = JsonSerializer.Deserialize<RunProgress>(instance!.SerializedCustomStatus!)!;
        output.WriteLine($"Generations: {progress.Generation + 1}; the last one's input (a RunSnapshot): " +
            $"{instance.SerializedInput?.Length} characters.");
        Assert.True(progress.Generation >= 3, $"The run ended in generation {progress.Generation}.");
        var expected = Enumerable.Range(0, Layers)
            .SelectMany(layer => Enumerable.Range(0, Width).Select(i => $"big@1/{Key(layer, i)}/1"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, host.Handlers.Invocations.Keys.Order(StringComparer.Ordinal));
        Assert.All(host.Handlers.Invocations, pair => Assert.Equal(1, pair.Value));
    }
}
