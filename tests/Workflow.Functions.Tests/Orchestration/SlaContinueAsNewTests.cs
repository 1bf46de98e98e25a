using System.Text.Json;
using Microsoft.DurableTask.Client;
using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class SlaContinueAsNewTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_with_an_sla_monitor_still_continues_as_new_and_the_monitor_ends_with_it()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "sla-continue-as-new",
            new Dictionary<string, string?> { ["Workflow:RunLoop:MaxEventsPerGeneration"] = "3" });
        var chain = Pipeline("watched",
            [.. Enumerable.Range(1, 9).Select(i => Code($"t{i}", TestHandlers.Count, null, i == 1 ? [] : [$"t{i - 1}"]))]);
        await host.UpsertAsync(chain with { Sla = new SlaPolicy() });

        // Act
        await host.StartAsync("watched", "watched@1");
        var run = await host.CompletedAsync("watched@1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var monitor = await host.Client.WaitForInstanceCompletionAsync(OrchestrationNames.SlaInstanceId("watched@1"),
            timeout.Token);

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        var instance = await host.Client.GetInstanceAsync(InstanceIds.For("watched@1"), getInputsAndOutputs: true);
        var progress = JsonSerializer.Deserialize<RunProgress>(instance!.SerializedCustomStatus!)!;
        Assert.True(progress.Generation >= 2, $"The run ended in generation {progress.Generation}.");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, monitor.RuntimeStatus);
    }
}
