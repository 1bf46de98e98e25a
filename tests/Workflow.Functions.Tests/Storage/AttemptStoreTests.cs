using System.Text;
using System.Text.Json;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Services;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AttemptStoreTests(AzuriteFixture azurite)
{
    private const string LogRun = "sales@20260301T020000Z";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_rewritten_record_replaces_the_running_one_and_records_list_by_task_then_attempt()
    {
        // Arrange
        var store = new AttemptStore((await FreshStorage.CreateAsync(azurite)).Containers);
        const string run = "sales@20260301T020000Z";

        // Act
        await store.WriteAsync(Record(run, "load", 2, TaskStatus.Running), CancellationToken.None);
        await store.WriteAsync(Record(run, "load", 1, TaskStatus.Failed), CancellationToken.None);
        await store.WriteAsync(Record(run, "extract", 1, TaskStatus.Running), CancellationToken.None);
        await store.WriteAsync(Record(run, "extract", 1, TaskStatus.Succeeded) with
        {
            Output = JsonDocument.Parse("""{"rows":3}""").RootElement,
        }, CancellationToken.None);
        var all = await store.ListAsync(run, null, CancellationToken.None);
        var load = await store.ListAsync(run, "load", CancellationToken.None);

        // Assert
        Assert.Equal(
            [("extract", 1, TaskStatus.Succeeded), ("load", 1, TaskStatus.Failed), ("load", 2, TaskStatus.Running)],
            all.Select(r => (r.TaskKey, r.Attempt, r.Status)));
        Assert.Equal(3, all[0].Output?.GetProperty("rows").GetInt32());
        Assert.Equal(Start, all[0].StartedAt);
        Assert.Equal([1, 2], load.Select(r => r.Attempt));
    }

    [Fact]
    public async Task Runs_and_tasks_whose_ids_share_a_start_or_hold_slashes_and_hashes_do_not_see_each_other()
    {
        // Arrange
        var store = new AttemptStore((await FreshStorage.CreateAsync(azurite)).Containers);
        const string parent = "sales@20260301T020000Z";
        var child = $"{parent}/load[3]#1";
        var grandchild = $"{child}/sub#2";
        foreach (var (run, task) in new[] { (parent, "load"), (parent, "load[3]"), (parent, "load[30]"),
                     (child, "load"), (grandchild, "x?y"), ($"{parent}-2", "load") })
        {
            await store.WriteAsync(Record(run, task, 1, TaskStatus.Succeeded), CancellationToken.None);
        }

        // Act
        var ofParent = await store.ListAsync(parent, null, CancellationToken.None);
        var ofMapItem = await store.ListAsync(parent, "load[3]", CancellationToken.None);
        var ofChild = await store.ListAsync(child, null, CancellationToken.None);
        var ofGrandchild = await store.ListAsync(grandchild, "x?y", CancellationToken.None);

        // Assert
        Assert.Equal(["load", "load[30]", "load[3]"], ofParent.Select(r => r.TaskKey));
        Assert.Equal([(parent, "load[3]")], ofMapItem.Select(r => (r.RunId, r.TaskKey)));
        Assert.Equal([(child, "load")], ofChild.Select(r => (r.RunId, r.TaskKey)));
        Assert.Equal([(grandchild, "x?y")], ofGrandchild.Select(r => (r.RunId, r.TaskKey)));
    }

    [Fact]
    public async Task A_log_reads_in_ranges_from_the_start_and_from_the_end()
    {
        // Arrange
        var store = await StoreWithLogAsync("line one\nline two\n");

        // Act
        var head = await store.ReadAsync(LogRun, "load", 1, LogRange.From(0, 9), finished: true,
            CancellationToken.None);
        var rest = await store.ReadAsync(LogRun, "load", 1, LogRange.From(9, 100), finished: true,
            CancellationToken.None);
        var tail = await store.ReadAsync(LogRun, "load", 1, LogRange.LastBytes(9, 100), finished: false,
            CancellationToken.None);
        var past = await store.ReadAsync(LogRun, "load", 1, LogRange.From(500, 100), finished: true,
            CancellationToken.None);
        var missing = await store.ReadAsync(LogRun, "load", 2, LogRange.From(0, 100), finished: true,
            CancellationToken.None);

        // Assert
        Assert.Equal(new LogChunk(0, 18, "line one\n", false), head);
        Assert.Equal(new LogChunk(9, 18, "line two\n", true), rest);
        Assert.Equal(new LogChunk(9, 18, "line two\n", false), tail);
        Assert.Equal(new LogChunk(18, 18, "", true), past);
        Assert.Null(missing);
    }

    [Fact]
    public async Task A_log_range_whose_ends_split_characters_shows_each_character_whole_and_once()
    {
        // Arrange: "aé日本\n" is 1 + 2 + 3 + 3 + 1 bytes.
        var store = await StoreWithLogAsync("aé日本\n");

        // Act
        var head = await store.ReadAsync(LogRun, "load", 1, LogRange.From(0, 2), finished: true,
            CancellationToken.None);
        var next = await store.ReadAsync(LogRun, "load", 1, LogRange.From(2, 2), finished: true,
            CancellationToken.None);
        var tail = await store.ReadAsync(LogRun, "load", 1, LogRange.LastBytes(5, 100), finished: true,
            CancellationToken.None);

        // Assert
        Assert.Equal(new LogChunk(0, 10, "aé", false), head);
        Assert.Equal(new LogChunk(2, 10, "日", false), next);
        Assert.Equal(new LogChunk(5, 10, "本\n", true), tail);
    }

    /// <summary>
    /// A store whose run <see cref="LogRun"/> has <paramref name="text"/> as its log of load, attempt 1.
    /// </summary>
    private async Task<AttemptStore> StoreWithLogAsync(string text)
    {
        var store = new AttemptStore((await FreshStorage.CreateAsync(azurite)).Containers);
        var blob = store.Log(LogRun, "load", 1);
        await blob.CreateIfNotExistsAsync();
        using var block = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await blob.AppendBlockAsync(block);
        return store;
    }

    private static TaskAttemptRecord Record(string runId, string taskKey, int attempt, TaskStatus status) =>
        new(runId, taskKey, attempt, status, Start, Start,
            status is TaskStatus.Running ? null : Start.AddSeconds(5),
            status is TaskStatus.Failed ? "handler" : null, status is TaskStatus.Failed ? "it broke" : null, null, 0);
}
