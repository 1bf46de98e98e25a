using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workflow.Functions.Retention;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Storage;
using Workflow.Functions.Tests.Support;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Retention;

/// <summary>The deleted pipelines the retention pass reads: from the deletion marks, not a listing of every blob.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeletedPipelinesTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_deleted_pipeline_is_listed_by_its_last_version_and_one_made_again_is_not()
    {
        // Arrange: "gone" deleted at version 2; "back" deleted and made again; "stays" never deleted.
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        foreach (var id in new[] { "gone", "back", "stays" })
        {
            await catalog.UpsertAsync(Pipeline(id, Code("a", "h")), null, "ana", CancellationToken.None);
        }

        await catalog.UpsertAsync(Pipeline("gone", Code("b", "h")), 1, "ana", CancellationToken.None);
        await catalog.DeleteAsync("gone", null, CancellationToken.None);
        await catalog.DeleteAsync("back", null, CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("back", Code("c", "h")), null, "ana", CancellationToken.None);

        // Act
        var deleted = await Deleted(storage, catalog)
            .ListAsync(["back", "stays"], CancellationToken.None);

        // Assert
        var record = Assert.Single(deleted);
        Assert.Equal(("gone", 2), (record.Definition.Id, record.Version));
        Assert.DoesNotContain(BlobNames.DeletionMark("back"), await storage.DefinitionBlobsAsync());
    }

    [Fact]
    public async Task Pipelines_an_older_build_deleted_are_found_once_and_later_passes_read_only_the_marks()
    {
        // Arrange: versions without a head and without a mark, as a build before the marks left a deleted pipeline.
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        await WriteVersionOnlyAsync(storage, "old-gone", 3);
        var deletedPipelines = Deleted(storage, catalog);

        // Act: the first pass finds it by the one listing; a pipeline left the same way after that is not listed
        // (no pass lists every blob again), while one deleted through the catalogue is.
        var first = await deletedPipelines.ListAsync([], CancellationToken.None);
        await WriteVersionOnlyAsync(storage, "unmarked-later", 1);
        await catalog.UpsertAsync(Pipeline("new-gone", Code("a", "h")), null, "ana", CancellationToken.None);
        await catalog.DeleteAsync("new-gone", null, CancellationToken.None);
        var later = await Deleted(storage, new BlobPipelineCatalog(storage.Containers, _time))
            .ListAsync([], CancellationToken.None);

        // Assert
        Assert.Equal([("old-gone", 3)], first.Select(r => (r.Definition.Id, r.Version)));
        Assert.Equal([("new-gone", 1), ("old-gone", 3)], later.Select(r => (r.Definition.Id, r.Version)));
        Assert.Contains(BlobNames.DeletionMarksBuilt, await storage.DefinitionBlobsAsync());
    }

    [Fact]
    public async Task A_pipeline_an_older_build_deletes_after_the_first_listing_is_found_once_the_rescan_is_due()
    {
        // Arrange: the marks are built; then a build without marks, still running beside this one, deletes a
        // pipeline (its versions stay, with no head and no mark).
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        var deletedPipelines = Deleted(storage, catalog);
        Assert.Empty(await deletedPipelines.ListAsync([], CancellationToken.None));
        await WriteVersionOnlyAsync(storage, "old-build-gone", 2);

        // Act: a pass before the rescan is due, in this process and in another; then one after.
        var early = await deletedPipelines.ListAsync([], CancellationToken.None);
        var otherInstance = await Deleted(storage, new BlobPipelineCatalog(storage.OtherInstance(), _time))
            .ListAsync([], CancellationToken.None);
        _time.Advance(Rescan);
        var due = await deletedPipelines.ListAsync([], CancellationToken.None);
        var afterIt = await Deleted(storage, new BlobPipelineCatalog(storage.OtherInstance(), _time))
            .ListAsync([], CancellationToken.None);

        // Assert
        Assert.Empty(early);
        Assert.Empty(otherInstance);
        Assert.Equal([("old-build-gone", 2)], due.Select(r => (r.Definition.Id, r.Version)));
        Assert.Equal([("old-build-gone", 2)], afterIt.Select(r => (r.Definition.Id, r.Version)));
        Assert.Contains(BlobNames.DeletionMark("old-build-gone"), await storage.DefinitionBlobsAsync());
    }

    [Fact]
    public async Task Marks_an_older_build_built_without_a_time_are_built_again_at_once()
    {
        // Arrange: the built blob as an older build left it (no time of its listing), and a pipeline it deleted.
        var storage = await FreshStorage.CreateAsync(azurite);
        await storage.Containers.Definitions.GetBlobClient(BlobNames.DeletionMarksBuilt)
            .UploadAsync(BinaryData.Empty);
        await WriteVersionOnlyAsync(storage, "old-build-gone", 1);

        // Act
        var deleted = await Deleted(storage, new BlobPipelineCatalog(storage.Containers, _time))
            .ListAsync([], CancellationToken.None);

        // Assert
        Assert.Equal([("old-build-gone", 1)], deleted.Select(r => (r.Definition.Id, r.Version)));
    }

    private static readonly TimeSpan Rescan = TimeSpan.FromHours(6);

    private DeletedPipelines Deleted(FreshStorage storage, BlobPipelineCatalog catalog) =>
        new(storage.Containers, catalog, Options.Create(new RetentionOptions { UnmarkedDeletionsRescan = Rescan }),
            _time);

    /// <summary>A version blob with no head, as the catalogue stores a version.</summary>
    private async Task WriteVersionOnlyAsync(FreshStorage storage, string pipelineId, int version)
    {
        var record = new Workflow.Services.PipelineRecord(Pipeline(pipelineId, Code("a", "h")) with { Version = version },
            version, $"\"v{version}\"", _time.GetUtcNow(), "ana");
        await storage.Containers.Definitions.GetBlobClient(BlobNames.Version(pipelineId, version))
            .UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(record, StoredJson.Options)));
    }
}
