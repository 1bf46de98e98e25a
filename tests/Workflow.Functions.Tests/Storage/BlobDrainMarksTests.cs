using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;

namespace Workflow.Functions.Tests.Storage;

/// <summary>The drain marks: what the Azure backlog check reads instead of every pipeline in the catalogue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobDrainMarksTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Saves_and_deletes_keep_the_marks_to_the_enabled_pipelines_that_drain()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        await catalog.UpsertAsync(Pipeline("drainer", drains: true), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("plain", drains: false), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("paused", drains: true) with { Enabled = false }, null, "ana",
            CancellationToken.None);
        var first = await IdsAsync(catalog);

        // Act: "plain" starts draining, "drainer" is disabled, "paused" deleted, then "drainer" enabled again.
        await catalog.UpsertAsync(Pipeline("plain", drains: true), 1, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("drainer", drains: true) with { Enabled = false }, 1, "ana",
            CancellationToken.None);
        await catalog.DeleteAsync("paused", null, CancellationToken.None);
        var second = await IdsAsync(catalog);
        var marksAfterSecond = await ListAsync(BlobMarks.Drains(storage.Containers.Definitions));
        await catalog.UpsertAsync(Pipeline("drainer", drains: true), 2, "ana", CancellationToken.None);
        var third = await IdsAsync(catalog);

        // Assert
        Assert.Equal(["drainer"], first);
        Assert.Equal(["plain"], second);
        Assert.Equal(["plain"], marksAfterSecond); // the disabled and the deleted pipeline's marks are gone
        Assert.Equal(["drainer", "plain"], third);
    }

    [Fact]
    public async Task The_check_reads_no_pipeline_that_drains_nothing_and_skips_marks_a_crash_left()
    {
        // Arrange: a head that does not parse and drains nothing; a mark whose save stopped before its head moved;
        // a mark left beside a head that no longer drains.
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        await catalog.UpsertAsync(Pipeline("drainer", drains: true), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("stale", drains: false), null, "ana", CancellationToken.None);
        await IdsAsync(catalog); // the store's first check marks what was saved before marks; from here on, saves do
        var definitions = storage.Containers.Definitions;
        await definitions.GetBlobClient(BlobNames.Head("broken")).UploadAsync(BinaryData.FromString("not json"));
        await definitions.GetBlobClient(BlobNames.DrainMark("never saved")).UploadAsync(BinaryData.Empty);
        await definitions.GetBlobClient(BlobNames.DrainMark("stale")).UploadAsync(BinaryData.Empty);

        // Act
        var draining = await IdsAsync(catalog);

        // Assert
        Assert.Equal(["drainer"], draining);
    }

    [Fact]
    public async Task A_store_saved_before_the_marks_is_marked_by_the_first_check()
    {
        // Arrange: the marks and their "built" blob removed, as in a store an older app wrote.
        var storage = await FreshStorage.CreateAsync(azurite);
        await new BlobPipelineCatalog(storage.Containers, _time).UpsertAsync(Pipeline("drainer", drains: true), null,
            "ana", CancellationToken.None);
        await new BlobPipelineCatalog(storage.Containers, _time).UpsertAsync(Pipeline("plain", drains: false), null,
            "ana", CancellationToken.None);
        foreach (var name in (await storage.DefinitionBlobsAsync()).Where(n => n.StartsWith(
                     BlobNames.DrainMarksPrefix, StringComparison.Ordinal)))
        {
            await storage.Containers.Definitions.DeleteBlobAsync(name);
        }

        var upgraded = new BlobPipelineCatalog(storage.OtherInstance(), _time);

        // Act
        var draining = await IdsAsync(upgraded);

        // Assert
        Assert.Equal(["drainer"], draining);
        Assert.Contains(BlobNames.DrainMark("drainer"), await storage.DefinitionBlobsAsync());
    }

    [Fact]
    public async Task A_mark_written_again_after_it_was_read_is_not_removed()
    {
        // Arrange: a save that does not drain read the mark; a save that drains marks again before it removes it.
        var storage = await FreshStorage.CreateAsync(azurite);
        var marks = BlobMarks.Drains(storage.Containers.Definitions);
        await marks.MarkAsync("orders", CancellationToken.None);
        var read = await marks.ReadAsync("orders", CancellationToken.None);
        await marks.MarkAsync("orders", CancellationToken.None);

        // Act
        await marks.RemoveAsync("orders", read, CancellationToken.None);
        var kept = await ListAsync(marks);
        await marks.RemoveAsync("orders", await marks.ReadAsync("orders", CancellationToken.None),
            CancellationToken.None);

        // Assert
        Assert.Equal(["orders"], kept);
        Assert.Empty(await ListAsync(marks));
    }

    [Fact]
    public async Task A_pipeline_an_older_build_saves_to_drain_after_the_first_listing_is_found_once_the_rescan_is_due()
    {
        // Arrange: the marks are built; then a build before the marks, still running beside this one, saves a
        // pipeline that drains (its head with no mark).
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        Assert.Empty(await IdsAsync(catalog, Rescan));
        await catalog.UpsertAsync(Pipeline("old-build-drainer", drains: true), null, "ana", CancellationToken.None);
        await storage.Containers.Definitions.DeleteBlobAsync(BlobNames.DrainMark("old-build-drainer"));

        // Act: a check before the rescan is due, in this process and in another; then one after, in each.
        var early = await IdsAsync(catalog, Rescan);
        var otherInstance = await IdsAsync(new BlobPipelineCatalog(storage.OtherInstance(), _time), Rescan);
        _time.Advance(Rescan.Every);
        var due = await IdsAsync(catalog, Rescan);
        var afterIt = await IdsAsync(new BlobPipelineCatalog(storage.OtherInstance(), _time), Rescan);

        // Assert
        Assert.Empty(early);
        Assert.Empty(otherInstance);
        Assert.Equal(["old-build-drainer"], due);
        Assert.Equal(["old-build-drainer"], afterIt);
        Assert.Contains(BlobNames.DrainMark("old-build-drainer"), await storage.DefinitionBlobsAsync());
    }

    [Fact]
    public async Task Drain_marks_a_build_built_without_a_time_are_built_again_at_once()
    {
        // Arrange: the built blob as a build before the re-scan left it (no time of its listing), and a pipeline a
        // build before the marks saved to drain since.
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        await catalog.UpsertAsync(Pipeline("old-build-drainer", drains: true), null, "ana", CancellationToken.None);
        await storage.Containers.Definitions.DeleteBlobAsync(BlobNames.DrainMark("old-build-drainer"));
        await storage.Containers.Definitions.GetBlobClient(BlobNames.DrainMarksBuilt)
            .UploadAsync(BinaryData.Empty);

        // Act
        var draining = await IdsAsync(new BlobPipelineCatalog(storage.OtherInstance(), _time), Rescan);

        // Assert
        Assert.Equal(["old-build-drainer"], draining);
    }

    private MarkRescan Rescan => new(TimeSpan.FromHours(1), _time);

    private static async Task<string[]> IdsAsync(BlobPipelineCatalog catalog, MarkRescan rescan) =>
        [.. (await catalog.ListDrainingAsync(rescan, CancellationToken.None)).Select(d => d.Id)
            .Order(StringComparer.Ordinal)];

    private static async Task<string[]> IdsAsync(BlobPipelineCatalog catalog) =>
        [.. (await catalog.ListDrainingAsync(CancellationToken.None)).Select(d => d.Id).Order(StringComparer.Ordinal)];

    private static async Task<List<string>> ListAsync(BlobMarks marks)
    {
        var ids = new List<string>();
        await foreach (var id in marks.ListAsync(CancellationToken.None))
        {
            ids.Add(id);
        }

        return ids;
    }

    private static PipelineDefinition Pipeline(string id, bool drains) => new()
    {
        Id = id,
        OwnerGroup = "team",
        Tasks =
        [
            drains
                ? new TaskDefinition
                {
                    Id = "drain",
                    Kind = "queue-drain",
                    Config = JsonSerializer.SerializeToElement(new { queue = "orders", handler = "Process" }),
                }
                : new TaskDefinition { Id = "extract", Kind = "delay" },
        ],
    };
}
