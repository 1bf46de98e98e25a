using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class DuplicateStartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Starting_a_run_id_that_is_running_or_finished_again_is_a_no_op()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "duplicate");
        await host.UpsertAsync(Pipeline("dup", Code("hang", TestHandlers.Gate)));
        await host.StartAsync("dup", "dup@1");
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey("dup@1/hang/1"), "the task to start");

        // Act
        var whileRunning = await host.StartAsync("dup", "dup@1");
        host.Handlers.OpenGate();
        var finished = await host.CompletedAsync("dup@1");
        var afterwards = await host.StartAsync("dup", "dup@1");
        var again = await host.CompletedAsync("dup@1");

        // Assert
        Assert.Equal(RunStatus.Running, whileRunning.Status);
        Assert.Equal(RunStatus.Succeeded, afterwards.Status);
        Assert.Equal(finished.Run.CreatedAt, again.Run.CreatedAt);
        Assert.Equal(1, host.Handlers.CountFor("dup@1", "hang", 1));
    }
}
