using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Engine;
using Workflow.Execution;
using Workflow.Functions.Queues;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Queues;
using Workflow.Runtime.Handlers;
using Workflow.Runtime.Handlers.Queue;
using Workflow.Runtime.Logs;

namespace Workflow.Functions.Tests.Queues;

/// <summary>The queue-drain rule on real Storage queues (Azurite), through the same handler the embedded host runs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageWorkQueueTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Good_messages_are_processed_and_the_poison_one_is_dead_lettered_with_its_dequeue_count()
    {
        // Arrange: n = 0 is poison; each group gets a fresh queue name.
        var group = "shop-" + Guid.NewGuid().ToString("N");
        var orders = QueueAddress.Create(group, "orders");
        var seen = new List<int>();
        using var services = Services(group, seen);
        var queue = services.GetRequiredService<StorageWorkQueue>();
        await queue.EnqueueAsync(orders, [.. new[] { 1, 0, 2 }.Select(n => JsonSerializer.SerializeToElement(new { n }))],
            CancellationToken.None);
        var handler = services.GetServices<ITaskHandler>().Single(h => h.Kind == "queue-drain");

        // Act: two drains with maxDeliveries 2; the abandoned poison message is visible again at once.
        var first = await handler.ExecuteAsync(Context(), CancellationToken.None);
        var second = await handler.ExecuteAsync(Context(), CancellationToken.None);
        var status = await queue.GetStatusAsync(orders, CancellationToken.None);
        var deadLetter = new QueueServiceClient(azurite.ConnectionString)
            .GetQueueClient(StorageQueueNames.For(orders.DeadLetter));
        var envelope = JsonDocument.Parse((await deadLetter.ReceiveMessageAsync()).Value.Body.ToString()).RootElement;

        // Assert
        Assert.Equal([1, 2], seen);
        Assert.Equal("""{"processed":2,"deadLettered":0,"failed":1}""", Output(first));
        Assert.Equal("""{"processed":0,"deadLettered":1,"failed":0}""", Output(second));
        Assert.Equal((0L, 1L), (status.Depth, status.DeadLetterDepth));
        Assert.Equal(2, envelope.GetProperty("dequeueCount").GetInt32());
        Assert.Equal(0, envelope.GetProperty("body").GetProperty("n").GetInt32());
        Assert.Contains("poison", envelope.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Depth_and_oldest_age_read_back_from_the_storage_queue()
    {
        // Arrange
        var orders = QueueAddress.Create("shop-" + Guid.NewGuid().ToString("N"), "orders");
        using var services = Services(orders.OwnerGroup, []);
        var queue = services.GetRequiredService<StorageWorkQueue>();
        var empty = await queue.GetStatusAsync(orders, CancellationToken.None);

        // Act
        await queue.EnqueueAsync(orders, [JsonSerializer.SerializeToElement(1), JsonSerializer.SerializeToElement(2)],
            CancellationToken.None);
        var status = await queue.GetStatusAsync(orders, CancellationToken.None);

        // Assert
        Assert.Equal((0L, null, 0L), (empty.Depth, empty.OldestAge, empty.DeadLetterDepth));
        Assert.Equal(2L, status.Depth);
        Assert.NotNull(status.OldestAge);
    }

    [Fact]
    public void Storage_names_fit_the_storage_rule_even_for_the_longest_dead_letter_queue()
    {
        // Arrange
        var longest = QueueAddress.Create("Data Engineering (EU)", new string('q', QueueAddress.MaxNameLength));

        // Act
        var name = StorageQueueNames.For(longest.DeadLetter);

        // Assert
        Assert.Equal(63, name.Length);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", name);
        Assert.NotEqual(StorageQueueNames.For(QueueAddress.Create("a", "orders")),
            StorageQueueNames.For(QueueAddress.Create("b", "orders")));
    }

    private ServiceProvider Services(string group, List<int> seen)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }));
        services.AddSingleton<StorageWorkQueue>();
        services.AddSingleton<IWorkQueue>(sp => sp.GetRequiredService<StorageWorkQueue>());
        services.AddSingleton<IPipelineOwners>(new FixedOwner(group));
        services.AddQueueDrainTaskHandler();
        services.AddCodeHandler("order", (_, body, _) =>
        {
            var n = body!.Value.GetProperty("n").GetInt32();
            if (n == 0)
            {
                throw new InvalidOperationException("poison message");
            }

            seen.Add(n);
            return ValueTask.FromResult<JsonElement?>(null);
        });
        return services.BuildServiceProvider();
    }

    private static TaskContext Context() => new(new TaskAttempt("drainer@1", "drainer", new RunTask("drain", "drain", 1,
        "queue-drain", Config: null, Input: null, Pool: "", Priority: 0, Rank: 0, IdempotencyKey: "drainer@1/drain/1",
        Timeout: null)))
    {
        Config = JsonSerializer.SerializeToElement(new { queue = "orders", handler = "order", maxDeliveries = 2 }),
        Log = new DiscardLog(),
        Outputs = null!,
        Time = TimeProvider.System,
    };

    private static string Output(TaskOutcome outcome) =>
        Assert.IsType<TaskSucceededOutcome>(outcome).Output!.Value.GetRawText();

    private sealed class DiscardLog : ITaskLog
    {
        public long BytesWritten => 0;

        public void WriteLine(string line)
        {
        }
    }

    private sealed class FixedOwner(string group) : IPipelineOwners
    {
        public ValueTask<string?> OwnerGroupAsync(string pipelineId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<string?>(group);
    }
}
