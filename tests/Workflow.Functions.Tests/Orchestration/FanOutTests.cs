using System.Text.Json;
using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class FanOutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_fans_out_to_real_processes_and_fans_their_outputs_in()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "fanout");
        var branches = Enumerable.Range(1, 6)
            .Select(i => Shell($"b{i}", $"echo '{{\"n\": {i}}}' > \"$WF_OUTPUT_FILE\"", "start"))
            .ToArray();
        await host.UpsertAsync(Pipeline("fan",
            [Code("start", TestHandlers.Count), .. branches, Code("join", TestHandlers.Sum, null, [.. branches.Select(b => b.Id)])]));

        // Act
        await host.StartAsync("fan", "fan@1");
        var run = await host.CompletedAsync("fan@1");

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal(8, run.Run.Summary?.Succeeded);
        var join = Assert.Single(await host.Workflow.ListAttemptsAsync("fan@1", "join", CancellationToken.None));
        Assert.Equal(21, join.Output?.GetProperty("sum").GetInt32());
        Assert.Equal(6, join.Output?.GetProperty("inputs").GetInt32());
        Assert.All(run.Tasks, t => Assert.Equal(Execution.TaskStatus.Succeeded, t.Status));
    }
}
