using Workflow.Durable;
using Workflow.Execution;
using Workflow.Functions.Orchestration;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Sla;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Orchestration;

[Collection(AzuriteCollection.Name)]
public sealed class SlaMonitorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_sla_monitor_raises_a_slow_task_alert_on_its_timer_and_clears_it_when_the_task_finishes()
    {
        // Arrange
        await using var host = await DurableAppHost.StartAsync(azurite.ConnectionString, "sla");
        var slow = Code("slow", TestHandlers.Gate) with { ExpectedDuration = TimeSpan.FromSeconds(1) };
        await host.UpsertAsync(Pipeline("sla", slow) with { Sla = new SlaPolicy() });
        var alertId = AlertIds.ForRun("sla@1", AlertKind.SlowTask, "slow");

        // Act
        await host.StartAsync("sla", "sla@1");
        await Poll.UntilAsync(() => host.Alerts.Snapshot().Any(a => a.Raised?.Id == alertId), "the slow-task alert");
        host.Handlers.OpenGate();
        var run = await host.CompletedAsync("sla@1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var monitor = await host.Client.WaitForInstanceCompletionAsync(OrchestrationNames.SlaInstanceId("sla@1"),
            timeout.Token);

        // Assert
        Assert.Equal(RunStatus.Succeeded, run.Run.Status);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, monitor.RuntimeStatus);
        var raised = host.Alerts.Snapshot().First(a => a.Raised?.Id == alertId).Raised!;
        Assert.Equal(AlertKind.SlowTask, raised.Kind);
        Assert.Equal("slow", raised.TaskKey);
        Assert.Equal(TimeSpan.FromSeconds(1), raised.Threshold);
        Assert.Contains(host.Alerts.Snapshot(), a => a.ClearedId == alertId);
    }
}
