using Microsoft.Extensions.Time.Testing;
using Workflow.Api.Audit;
using Workflow.Functions.Services;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Tests.Storage;

/// <summary>
/// An Azure delete and its audit line as a pair: written through an intent, completed by a later read of the trail
/// when the process stopped between the writes (each stop is simulated by doing a delete's first steps and no more).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobPipelineDeletesTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_delete_removes_the_head_writes_one_audit_line_and_leaves_no_intent()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var (catalog, audit, workflow) = Instance(storage);
        var deletion = Deletion(await SaveAsync(catalog));

        // Act
        var deleted = await new BlobPipelineDeletes(workflow, audit).DeleteAsync(deletion, CancellationToken.None);
        _time.Advance(BlobAuditIntents.Grace * 2);
        var listed = await audit.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.True(deleted);
        Assert.Null(await catalog.GetAsync("sales", null, CancellationToken.None));
        Assert.Equal(deletion.Entry, Assert.Single(listed));
        Assert.DoesNotContain(await storage.DefinitionBlobsAsync(), IsIntent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_delete_that_stopped_after_the_head_went_gets_its_line_once_after_the_grace(bool madeAgain)
    {
        // Arrange: the intent is written and the head deleted, then the process stops before the audit line; the
        // pipeline may be created again before anyone reads the trail.
        var storage = await FreshStorage.CreateAsync(azurite);
        var (catalog, audit, workflow) = Instance(storage);
        var existing = await SaveAsync(catalog);
        var deletion = Deletion(existing);
        await workflow.DeletePipelineAsync("sales", 1,
            async (head, ct) => await audit.Intents.WriteAsync(deletion.Entry, head, ct), CancellationToken.None);
        if (madeAgain)
        {
            await catalog.UpsertAsync(existing.Definition, null, "bo", CancellationToken.None);
        }

        var (_, reader, _) = Instance(storage);

        // Act: a read inside the grace leaves a delete that may still be under way alone; later reads complete it.
        var early = await reader.ListAsync(null, 10, CancellationToken.None);
        _time.Advance(BlobAuditIntents.Grace + TimeSpan.FromSeconds(1));
        var completed = await reader.ListAsync(null, 10, CancellationToken.None);
        var again = await Instance(storage).Audit.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Empty(early);
        Assert.Equal(deletion.Entry, Assert.Single(completed));
        Assert.Single(again);
        Assert.DoesNotContain(await storage.DefinitionBlobsAsync(), IsIntent);
    }

    [Theory]
    [InlineData(Then.Nothing)]
    [InlineData(Then.Updated)]
    [InlineData(Then.DeletedAgain)]
    public async Task A_delete_that_stopped_before_the_head_went_leaves_no_line_of_its_own(Then then)
    {
        // Arrange: the intent is written, then the process stops before the head goes; afterwards the pipeline is
        // left alone, or changed, or the delete is tried again (which audits itself).
        var storage = await FreshStorage.CreateAsync(azurite);
        var (catalog, audit, workflow) = Instance(storage);
        var existing = await SaveAsync(catalog);
        var deletion = Deletion(existing);
        await Assert.ThrowsAsync<IOException>(() => workflow.DeletePipelineAsync("sales", 1, async (head, ct) =>
        {
            await audit.Intents.WriteAsync(deletion.Entry, head, ct);
            throw new IOException("the process stops here");
        }, CancellationToken.None).AsTask());
        _time.Advance(TimeSpan.FromSeconds(1));
        var retry = Deletion(existing);
        switch (then)
        {
            case Then.Updated:
                await catalog.UpsertAsync(existing.Definition with { Description = "changed" }, 1, "bo",
                    CancellationToken.None);
                break;
            case Then.DeletedAgain:
                Assert.True(await new BlobPipelineDeletes(workflow, audit).DeleteAsync(retry, CancellationToken.None));
                break;
        }

        // Act
        _time.Advance(BlobAuditIntents.Grace * 2);
        var listed = await Instance(storage).Audit.ListAsync(null, 10, CancellationToken.None);

        // Assert
        AuditEntry[] expected = then == Then.DeletedAgain ? [retry.Entry] : [];
        Assert.Equal(expected, listed);
        Assert.Equal(then != Then.DeletedAgain,
            await catalog.GetAsync("sales", null, CancellationToken.None) is not null);
        Assert.DoesNotContain(await storage.DefinitionBlobsAsync(), IsIntent);
    }

    public enum Then
    {
        Nothing,
        Updated,
        DeletedAgain,
    }

    private static bool IsIntent(string name) => name.StartsWith("_audit/pending/", StringComparison.Ordinal);

    private (BlobPipelineCatalog Catalog, BlobAuditLog Audit, DurableWorkflowService Workflow) Instance(
        FreshStorage storage)
    {
        var containers = storage.OtherInstance();
        var catalog = new BlobPipelineCatalog(containers, _time);
        return (catalog, new BlobAuditLog(containers, _time), new DurableWorkflowService(new DurableClientHolder(),
            catalog, new AttemptStore(containers), _time, new BlobDurationHistory(containers)));
    }

    private static async Task<PipelineRecord> SaveAsync(BlobPipelineCatalog catalog) =>
        await catalog.UpsertAsync(new PipelineDefinition
        {
            Id = "sales",
            OwnerGroup = "team",
            Tasks = [new TaskDefinition { Id = "extract", Kind = "delay" }],
        }, null, "ana", CancellationToken.None);

    private PipelineDeletion Deletion(PipelineRecord existing) => new(existing, "ana", _time.GetUtcNow());
}
