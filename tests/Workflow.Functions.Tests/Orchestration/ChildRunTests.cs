using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

/// <summary>Child runs in the Azure app: sub-orchestrations the service reads by id, with their parent, and cancels with it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChildRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Cancelling_a_parent_cancels_its_running_child_which_names_its_parent()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "childcancel");
        await host.UpsertAsync(Pipeline("cc-child", Code("hang", TestHandlers.Gate)));
        await host.UpsertAsync(Pipeline("cc-parent", SubPipeline("sub", "cc-child")));
        await host.StartAsync("cc-parent", "cc-parent@1");
        const string childId = "cc-parent@1/sub#1";
        await Poll.UntilAsync(() => host.Handlers.AtGate.ContainsKey($"{childId}/hang/1"), "the child's task to start");
        var parentWhileRunning = await host.Workflow.GetRunAsync("cc-parent@1", CancellationToken.None);

        // Act
        var accepted = await host.Workflow.CancelRunAsync("cc-parent@1", "test", "stop", CancellationToken.None);
        await Poll.UntilAsync(async () =>
            (await host.Workflow.GetRunAsync(childId, CancellationToken.None))?.Run.Status == RunStatus.Cancelled,
            "the child run to be cancelled");
        host.Handlers.OpenGate();
        var child = await host.CompletedAsync(childId);
        var parent = await host.CompletedAsync("cc-parent@1");

        // Assert
        Assert.True(accepted);
        Assert.Equal(childId, Assert.Single(parentWhileRunning!.Children ?? []).RunId);
        Assert.Equal(RunStatus.Cancelled, parent.Run.Status);
        Assert.Equal(RunStatus.Cancelled, child.Run.Status);
        Assert.Equal("cc-parent@1", child.Run.ParentRunId);
    }
}
