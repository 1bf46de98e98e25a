using Microsoft.Extensions.Time.Testing;
using Workflow.Api.Audit;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Tests.Storage;

/// <summary>
/// An Azure save and its audit line as a pair: written through an intent, completed by a later read of the trail
/// when the process stopped between the writes (each stop is simulated by doing a save's first steps and no more).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobPipelineSavesTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_save_stores_its_version_and_one_audit_line_and_leaves_no_intent()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var (catalog, audit) = Instance(storage);

        // Act
        var saved = await new BlobPipelineSaves(catalog, audit).SaveAsync(Save(null), CancellationToken.None);
        _time.Advance(BlobAuditIntents.Grace * 2);
        var listed = await audit.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Equal(1, saved.Version);
        Assert.Equal("version 1", Assert.Single(listed).Detail);
        Assert.DoesNotContain(await storage.DefinitionBlobsAsync(), IsIntent);
    }

    [Fact]
    public async Task A_save_that_stopped_after_its_version_gets_its_line_from_a_read_after_the_grace()
    {
        // Arrange: the intent and the version are written, then the process stops before the audit line.
        var storage = await FreshStorage.CreateAsync(azurite);
        var (catalog, audit) = Instance(storage);
        var save = Save(null);
        await catalog.UpsertAsync(save.Definition, null, save.Actor,
            async (planned, ct) => await audit.Intents.WriteAsync(save.EntryFor(planned), planned, ct),
            CancellationToken.None);
        var (_, reader) = Instance(storage);

        // Act: a read inside the grace leaves a save that may still be under way alone; later reads complete it.
        var early = await reader.ListAsync(null, 10, CancellationToken.None);
        _time.Advance(BlobAuditIntents.Grace + TimeSpan.FromSeconds(1));
        var completed = await reader.ListAsync(null, 10, CancellationToken.None);
        var again = await reader.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Empty(early);
        Assert.Equal(save.EntryFor(await catalog.GetAsync("sales", null, CancellationToken.None) ?? throw new
            InvalidOperationException("not saved")), Assert.Single(completed));
        Assert.Single(again);
        Assert.DoesNotContain(await storage.DefinitionBlobsAsync(), IsIntent);
    }

    [Fact]
    public async Task A_save_that_stopped_after_its_line_is_not_audited_twice()
    {
        // Arrange: every write done but the intent's removal.
        var storage = await FreshStorage.CreateAsync(azurite);
        var (catalog, audit) = Instance(storage);
        var save = Save(null);
        var record = await catalog.UpsertAsync(save.Definition, null, save.Actor,
            async (planned, ct) => await audit.Intents.WriteAsync(save.EntryFor(planned), planned, ct),
            CancellationToken.None);
        await audit.AppendAsync(save.EntryFor(record), CancellationToken.None);

        // Act
        _time.Advance(BlobAuditIntents.Grace * 2);
        var listed = await Instance(storage).Audit.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Single(listed);
        Assert.DoesNotContain(await storage.DefinitionBlobsAsync(), IsIntent);
    }

    [Fact]
    public async Task A_save_that_stopped_before_its_version_or_was_refused_leaves_no_line()
    {
        // Arrange: one save stopped after its intent; one lost to a save of the same version by someone else.
        var storage = await FreshStorage.CreateAsync(azurite);
        var (catalog, audit) = Instance(storage);
        var stopped = Save(null);
        await audit.Intents.WriteAsync(stopped.EntryFor(Planned(stopped, 1)), Planned(stopped, 1),
            CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await catalog.UpsertAsync(stopped.Definition with { Description = "someone else's" }, null, "bo",
            CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            new BlobPipelineSaves(catalog, audit).SaveAsync(Save(null), CancellationToken.None).AsTask());

        // Act
        _time.Advance(BlobAuditIntents.Grace * 2);
        var listed = await audit.ListAsync(null, 10, CancellationToken.None);

        // Assert: no line for either (bo's save went around the audited path), and no intent left.
        Assert.Equal(PipelineIdTaken.Refusal("sales").Message, refused.Message);
        Assert.Empty(listed);
        Assert.DoesNotContain(await storage.DefinitionBlobsAsync(), IsIntent);
    }

    private static bool IsIntent(string name) => name.EndsWith(".intent", StringComparison.Ordinal);

    private (BlobPipelineCatalog Catalog, BlobAuditLog Audit) Instance(FreshStorage storage)
    {
        var containers = storage.OtherInstance();
        return (new BlobPipelineCatalog(containers, _time), new BlobAuditLog(containers, _time));
    }

    private PipelineSave Save(int? expected) => new(new PipelineDefinition
    {
        Id = "sales",
        OwnerGroup = "team",
        Tasks = [new TaskDefinition { Id = "extract", Kind = "delay" }],
    }, expected, MustBeNew: expected is null, "ana", AuditActions.PipelineCreated, _time.GetUtcNow());

    private PipelineRecord Planned(PipelineSave save, int version) =>
        new(save.Definition with { Version = version }, version, $"\"v{version}\"", _time.GetUtcNow(), save.Actor);
}
