using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Handlers.Queue;
using Workflow.Engine.Tests.Support;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Queues;
using Workflow.Runtime.Handlers;
using Workflow.Validation;

namespace Workflow.Engine.Tests.Handlers;

public sealed class QueueDrainTaskHandlerTests
{
    private static readonly QueueAddress Orders = QueueAddress.Create("team", "orders");

    [Fact]
    public async Task A_drain_task_processes_up_to_its_limit_and_leaves_the_rest_with_their_backlog_visible()
    {
        // Arrange
        var seen = new ConcurrentQueue<int>();
        await using var engine = await StartAsync(seen);
        var queue = engine.Services.GetRequiredService<LocalQueue>();
        await queue.EnqueueAsync(Orders, [.. Enumerable.Range(1, 5).Select(n => Pipelines.ToJson(new { n }))],
            CancellationToken.None);
        var pipeline = Drain("drain", new { queue = "orders", maxMessages = 3, handler = "order" });

        // Act
        var output = await RunAsync(engine, pipeline);

        // Assert
        Assert.Equal([1, 2, 3], seen.ToArray());
        var backlog = Assert.Single(await queue.BacklogAsync(CancellationToken.None));
        Assert.Equal(("team/orders", 2L), (backlog.Queue, backlog.Depth));
        Assert.Equal(3, output.GetProperty("processed").GetInt32());
    }

    [Fact]
    public async Task A_poison_message_is_dead_lettered_after_its_deliveries_while_the_good_ones_are_processed_once()
    {
        // Arrange: n = 0 is poison; maxDeliveries 3 means the third failed delivery dead-letters it.
        var seen = new ConcurrentQueue<int>();
        await using var engine = await StartAsync(seen);
        var queue = engine.Services.GetRequiredService<LocalQueue>();
        await queue.EnqueueAsync(Orders, [.. new[] { 1, 0, 2 }.Select(n => Pipelines.ToJson(new { n }))],
            CancellationToken.None);
        var pipeline = Drain("poison", new { queue = "orders", handler = "order", maxDeliveries = 3 });

        // Act: three drains; a good message enqueued behind the poison one after the first drain.
        var first = await RunAsync(engine, pipeline);
        await queue.EnqueueAsync(Orders, [Pipelines.ToJson(new { n = 3 })], CancellationToken.None);
        var second = await RunAsync(engine, pipeline);
        var third = await RunAsync(engine, pipeline);
        var status = await queue.GetStatusAsync(Orders, CancellationToken.None);
        var deadLetter = await queue.ReceiveAsync(Orders.DeadLetter, 10, TimeSpan.FromMinutes(1), CancellationToken.None);
        var error = await SqliteFile.QueryLongsAsync(Path.Combine(engine.DataDirectory, "workflow.db"),
            "SELECT count(*) FROM queue_messages WHERE last_error LIKE '%poison%';");

        // Assert
        Assert.Equal([1, 2, 3], seen.Order().ToArray());
        Assert.Equal((2, 0, 1), Counts(first));
        Assert.Equal((1, 0, 1), Counts(second));
        Assert.Equal((0, 1, 0), Counts(third));
        Assert.Equal((0L, 1L), (status.Depth, status.DeadLetterDepth));
        var poison = Assert.Single(deadLetter);
        Assert.Equal(0, poison.Body.GetProperty("n").GetInt32());
        Assert.Equal([1L], error);
    }

    [Fact]
    public async Task A_drain_reads_only_its_own_groups_queue_whatever_name_it_gives()
    {
        // Arrange: a queue of the same name in another group.
        var seen = new ConcurrentQueue<int>();
        await using var engine = await StartAsync(seen);
        var queue = engine.Services.GetRequiredService<LocalQueue>();
        var theirs = QueueAddress.Create("finance", "orders");
        await queue.EnqueueAsync(theirs, [Pipelines.ToJson(new { n = 7 })], CancellationToken.None);

        // Act
        var output = await RunAsync(engine, Drain("mine", new { queue = "orders", handler = "order" }));

        // Assert
        Assert.Empty(seen);
        Assert.Equal((0, 0, 0), Counts(output));
        Assert.Equal(1L, (await queue.GetStatusAsync(theirs, CancellationToken.None)).Depth);
    }

    [Fact]
    public async Task A_drain_naming_a_dead_letter_queue_is_refused_when_saved_with_the_rule()
    {
        // Arrange
        await using var engine = await StartAsync(new ConcurrentQueue<int>());
        var pipeline = Drain("dl", new { queue = "orders-deadletter", handler = "order" });

        // Act
        var refused = await Assert.ThrowsAsync<PipelineValidationException>(() => engine.StartRunAsync(pipeline));

        // Assert
        Assert.Contains("dead-letter queue of 'orders'", refused.Message, StringComparison.Ordinal);
        Assert.Null(await engine.Workflow.GetPipelineAsync(pipeline.Id, null, CancellationToken.None));
    }

    /// <summary>An engine whose <c>order</c> handler records <c>n</c> and throws on <c>n = 0</c>, the poison message.</summary>
    private static Task<TestEngine> StartAsync(ConcurrentQueue<int> seen) =>
        TestEngine.StartAsync(s => s.AddCodeHandler("order", (_, body, _) =>
        {
            var n = body!.Value.GetProperty("n").GetInt32();
            if (n == 0)
            {
                throw new InvalidOperationException("poison message");
            }

            seen.Enqueue(n);
            return ValueTask.FromResult<JsonElement?>(null);
        }));

    private static PipelineDefinition Drain(string id, object config) => Pipelines.Define(id, new TaskDefinition
    {
        Id = "drain",
        Kind = "queue-drain",
        Config = Pipelines.ToJson(config),
    });

    private static async Task<JsonElement> RunAsync(TestEngine engine, PipelineDefinition pipeline)
    {
        var run = await engine.StartRunAsync(pipeline);
        Assert.Equal(RunStatus.Succeeded, await engine.WaitAsync(run.RunId));
        var attempt = Assert.Single(await engine.Workflow.ListAttemptsAsync(run.RunId, null, CancellationToken.None));
        return attempt.Output!.Value;
    }

    private static (int Processed, int DeadLettered, int Failed) Counts(JsonElement output) =>
        (output.GetProperty("processed").GetInt32(), output.GetProperty("deadLettered").GetInt32(),
            output.GetProperty("failed").GetInt32());
}
