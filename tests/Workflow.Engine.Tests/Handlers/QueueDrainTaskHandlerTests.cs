using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Handlers.Queue;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Engine.Tests.Handlers;

public sealed class QueueDrainTaskHandlerTests
{
    [Fact]
    public async Task A_drain_task_processes_up_to_its_limit_and_leaves_the_rest_with_their_backlog_visible()
    {
        // Arrange
        var seen = new ConcurrentQueue<int>();
        await using var engine = await TestEngine.StartAsync(s => s.AddCodeHandler("order", (_, body, _) =>
        {
            seen.Enqueue(body!.Value.GetProperty("n").GetInt32());
            return ValueTask.FromResult<JsonElement?>(null);
        }));
        var queue = engine.Services.GetRequiredService<LocalQueue>();
        for (var n = 1; n <= 5; n++)
        {
            await queue.EnqueueAsync("orders", Pipelines.ToJson(new { n }), CancellationToken.None);
        }

        var pipeline = Pipelines.Define("drain", new TaskDefinition
        {
            Id = "drain",
            Kind = "queue-drain",
            Config = Pipelines.ToJson(new { queue = "orders", maxMessages = 3, handler = "order" }),
        });

        // Act
        var run = await engine.StartRunAsync(pipeline);
        var status = await engine.WaitAsync(run.RunId);

        // Assert
        Assert.Equal(RunStatus.Succeeded, status);
        Assert.Equal([1, 2, 3], seen.ToArray());
        var backlog = Assert.Single(await queue.BacklogAsync(CancellationToken.None));
        Assert.Equal(("orders", 2L), (backlog.Queue, backlog.Depth));
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None));
        Assert.Equal(3, attempt.Output?.GetProperty("processed").GetInt32());
    }
}
