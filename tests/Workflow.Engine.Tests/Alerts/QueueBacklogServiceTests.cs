using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Alerts;
using Workflow.Engine.Handlers.Queue;
using Workflow.Model;
using Workflow.Queues;
using Workflow.Sla;
using static Workflow.Engine.Tests.Support.Pipelines;

namespace Workflow.Engine.Tests.Alerts;

public class QueueBacklogServiceTests
{
    [Fact]
    public async Task A_queue_deeper_than_its_drain_tasks_limit_raises_backlog_and_clears_once_drained()
    {
        await using var engine = await AlertTestHost.StartAsync(o => o.MonitorPollInterval = TimeSpan.FromHours(1));
        var drain = new TaskDefinition
        {
            Id = "drain",
            Kind = "queue-drain",
            Config = ToJson(new { queue = "orders", maxDepth = 3, handler = "Process" }),
        };
        await engine.Workflow.UpsertPipelineAsync(Define("drainer", drain), null, "test", default);
        var queue = engine.Services.GetRequiredService<LocalQueue>();
        var backlog = engine.Services.GetRequiredService<QueueBacklogService>();
        var store = engine.Services.GetRequiredService<AlertStore>();
        var orders = QueueAddress.Create("team", "orders");
        await queue.EnqueueAsync(orders, [.. Enumerable.Range(0, 5).Select(i => JsonSerializer.SerializeToElement(i))],
            default);

        await backlog.CheckAsync(default);
        var raised = await store.GetAsync("drainer/queue-backlog/orders", default);
        foreach (var message in await queue.ReceiveAsync(orders, 10, TimeSpan.FromMinutes(1), default))
        {
            await queue.CompleteAsync(message, default);
        }

        await backlog.CheckAsync(default);
        var cleared = await store.GetAsync("drainer/queue-backlog/orders", default);

        Assert.Equal(AlertKind.QueueBacklog, raised!.Alert.Kind);
        Assert.Equal(5, raised.Alert.QueueDepth);
        Assert.Null(raised.ClearedAt);
        Assert.NotNull(cleared!.ClearedAt);
        Assert.Contains("recovered", cleared.ClearReason, StringComparison.Ordinal);
    }
}
