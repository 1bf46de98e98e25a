using Microsoft.Extensions.Time.Testing;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Json;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobPipelineCatalogTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_new_pipeline_becomes_version_1_and_reads_back_as_head_and_as_version()
    {
        // Arrange
        var catalog = await CatalogAsync();

        // Act
        var created = await catalog.UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);
        var head = await catalog.GetAsync("sales", null, CancellationToken.None);
        var version = await catalog.GetAsync("sales", 1, CancellationToken.None);

        // Assert
        Assert.Equal((1, "\"v1\"", "ana", _time.GetUtcNow()),
            (created.Version, created.ETag, created.UpdatedBy, created.UpdatedAt));
        Assert.Equal(1, created.Definition.Version);
        Assert.Equal("first", head?.Definition.Description);
        Assert.Equal(created.ETag, head?.ETag);
        Assert.Equal("first", version?.Definition.Description);
    }

    [Fact]
    public async Task A_change_naming_the_current_version_adds_a_version_and_keeps_the_old_one()
    {
        // Arrange
        var catalog = await CatalogAsync();
        await catalog.UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);

        // Act
        var changed = await catalog.UpsertAsync(Pipeline("sales", "second"), 1, "bo", CancellationToken.None);

        // Assert
        Assert.Equal(2, changed.Version);
        Assert.Equal("second", (await catalog.GetAsync("sales", null, CancellationToken.None))?.Definition.Description);
        var versions = await catalog.VersionsAsync("sales", CancellationToken.None);
        Assert.Equal([(1, "first"), (2, "second")], versions.Select(v => (v.Version, v.Definition.Description)));
    }

    [Fact]
    public async Task A_change_that_names_a_version_that_is_not_current_is_a_conflict_and_writes_nothing()
    {
        // Arrange
        var catalog = await CatalogAsync();
        await catalog.UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);

        // Act
        var refused = await Assert.ThrowsAsync<VersionConflictException>(() =>
            catalog.UpsertAsync(Pipeline("sales", "second"), 2, "bo", CancellationToken.None).AsTask());

        // Assert
        Assert.Contains("'sales'", refused.Message, StringComparison.Ordinal);
        Assert.Single(await catalog.VersionsAsync("sales", CancellationToken.None));
        Assert.Equal("first", (await catalog.GetAsync("sales", null, CancellationToken.None))?.Definition.Description);
    }

    [Fact]
    public async Task Creates_of_one_id_racing_from_instances_of_other_groups_refuse_all_but_one_in_the_engines_words()
    {
        // Arrange: each create found no pipeline when its API call checked, as in a PUT-create race; the first
        // instance's create lands before the others start, the others race among themselves.
        var storage = await FreshStorage.CreateAsync(azurite);
        await new BlobPipelineCatalog(storage.Containers, _time).UpsertAsync(
            Pipeline("sales", "first") with { OwnerGroup = "owners" }, null, "ana", CancellationToken.None);
        var instances = Enumerable.Range(0, 4)
            .Select(_ => new BlobPipelineCatalog(storage.OtherInstance(), _time)).ToList();

        // Act
        var refusals = await Task.WhenAll(instances.Select((catalog, i) => Assert.ThrowsAsync<ConflictException>(() =>
            catalog.UpsertAsync(Pipeline("sales", $"create {i}") with { OwnerGroup = "others" }, null, $"user{i}",
                CancellationToken.None).AsTask())));

        // Assert: one wording, naming neither the stored version nor its group.
        Assert.All(refusals, r => Assert.Equal(PipelineIdTaken.Refusal("sales").Message, r.Message));
        Assert.DoesNotContain("owners", refusals[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("version 1", refusals[0].Message, StringComparison.Ordinal);
        Assert.Single(await instances[0].VersionsAsync("sales", CancellationToken.None));
    }

    [Fact]
    public async Task Replacing_a_pipeline_that_does_not_exist_is_not_found()
    {
        // Arrange
        var catalog = await CatalogAsync();

        // Act and assert
        await Assert.ThrowsAsync<NotFoundException>(() =>
            catalog.UpsertAsync(Pipeline("sales", "first"), 3, "ana", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Concurrent_changes_from_two_instances_to_the_same_version_let_exactly_one_win()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var first = new BlobPipelineCatalog(storage.Containers, _time);
        await first.UpsertAsync(Pipeline("sales", "v1"), null, "ana", CancellationToken.None);
        var instances = Enumerable.Range(0, 8)
            .Select(_ => new BlobPipelineCatalog(storage.OtherInstance(), _time)).ToList();

        // Act
        var outcomes = await Task.WhenAll(instances.Select(async (catalog, i) =>
        {
            try
            {
                return (await catalog.UpsertAsync(Pipeline("sales", $"edit {i}"), 1, $"user{i}",
                    CancellationToken.None)).Definition.Description;
            }
            catch (VersionConflictException)
            {
                return null;
            }
        }));

        // Assert
        var winner = Assert.Single(outcomes, o => o is not null);
        var head = await first.GetAsync("sales", null, CancellationToken.None);
        Assert.Equal((2, winner), (head?.Version, head?.Definition.Description));
        Assert.Equal([1, 2], (await first.VersionsAsync("sales", CancellationToken.None)).Select(v => v.Version));
    }

    [Fact]
    public async Task Deleting_removes_the_pipeline_from_the_list_but_keeps_its_versions_for_pinned_runs()
    {
        // Arrange
        var catalog = await CatalogAsync();
        await catalog.UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("stock", "other"), null, "ana", CancellationToken.None);

        // Act
        var deleted = await catalog.DeleteAsync("sales", 1, CancellationToken.None);

        // Assert
        Assert.True(deleted);
        Assert.Null(await catalog.GetAsync("sales", null, CancellationToken.None));
        Assert.Equal(["stock"], (await catalog.ListAsync(CancellationToken.None)).Select(p => p.Definition.Id));
        Assert.Equal("first", (await catalog.GetAsync("sales", 1, CancellationToken.None))?.Definition.Description);
        Assert.False(await catalog.DeleteAsync("sales", null, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_with_a_stale_version_is_a_conflict_and_keeps_the_pipeline()
    {
        // Arrange
        var catalog = await CatalogAsync();
        await catalog.UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("sales", "second"), 1, "ana", CancellationToken.None);

        // Act
        await Assert.ThrowsAsync<VersionConflictException>(() =>
            catalog.DeleteAsync("sales", 1, CancellationToken.None).AsTask());

        // Assert
        Assert.Equal(2, (await catalog.GetAsync("sales", null, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task Concurrent_deletes_from_two_instances_delete_once_and_refuse_the_rest_as_conflicts()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        await new BlobPipelineCatalog(storage.Containers, _time)
            .UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);
        var instances = Enumerable.Range(0, 8)
            .Select(_ => new BlobPipelineCatalog(storage.OtherInstance(), _time)).ToList();

        // Act
        var outcomes = await Task.WhenAll(instances.Select(async catalog =>
        {
            try
            {
                return await catalog.DeleteAsync("sales", 1, CancellationToken.None) ? "deleted" : "gone";
            }
            catch (VersionConflictException)
            {
                return "conflict";
            }
        }));

        // Assert: no storage error escapes; exactly one delete took effect.
        Assert.Single(outcomes, o => o == "deleted");
    }

    [Fact]
    public async Task Recreating_a_deleted_pipeline_continues_its_version_numbers_and_keeps_the_pinned_versions()
    {
        // Arrange
        var catalog = await CatalogAsync();
        await catalog.UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("sales", "second"), 1, "ana", CancellationToken.None);
        await catalog.DeleteAsync("sales", 2, CancellationToken.None);

        // Act
        var recreated = await catalog.UpsertAsync(Pipeline("sales", "reborn"), null, "bo", CancellationToken.None);

        // Assert
        Assert.Equal(3, recreated.Version);
        Assert.Equal("first", (await catalog.GetAsync("sales", 1, CancellationToken.None))?.Definition.Description);
        Assert.Equal([1, 2, 3], (await catalog.VersionsAsync("sales", CancellationToken.None)).Select(v => v.Version));
    }

    [Fact]
    public async Task A_version_whose_blob_was_not_written_after_its_head_is_still_read_and_kept_by_the_next_change()
    {
        // Arrange: the head moved to version 2, then the instance died before writing the version blob.
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        await catalog.UpsertAsync(Pipeline("sales", "first"), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("sales", "second"), 1, "ana", CancellationToken.None);
        await storage.Containers.Definitions.GetBlobClient(BlobNames.Version("sales", 2)).DeleteAsync();

        // Act
        var beforeNextChange = await catalog.GetAsync("sales", 2, CancellationToken.None);
        var listedBefore = await catalog.VersionsAsync("sales", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("sales", "third"), 2, "ana", CancellationToken.None);
        var afterNextChange = await catalog.GetAsync("sales", 2, CancellationToken.None);

        // Assert
        Assert.Equal("second", beforeNextChange?.Definition.Description);
        Assert.Equal([1, 2], listedBefore.Select(v => v.Version));
        Assert.Equal("second", afterNextChange?.Definition.Description);
        Assert.Equal([1, 2, 3], (await catalog.VersionsAsync("sales", CancellationToken.None)).Select(v => v.Version));
    }

    [Fact]
    public async Task A_definition_with_schedules_parameters_config_and_retries_reads_back_as_it_was_stored()
    {
        // Arrange
        var catalog = await CatalogAsync();
        var definition = PipelineJson.Parse("""
            {
              "id": "etl", "ownerGroup": "data-eng", "description": "größe ✓",
              "schedules": [ { "name": "weekly", "kind": "cron", "cron": "0 6 * * MON", "timeZone": "Europe/Berlin" } ],
              "parameters": [ { "name": "day", "type": "string" } ],
              "tasks": [
                { "id": "extract", "kind": "process", "config": { "command": "sh", "args": ["-c", "echo 1"] },
                  "retry": { "maxAttempts": 3, "initialDelay": "5s", "retryableErrors": ["timeout"] },
                  "timeout": "1h30m", "expectedDuration": "2s" },
                { "id": "load", "kind": "http", "dependsOn": ["extract"], "trigger": "all-done", "priority": 7 }
              ]
            }
            """);

        // Act
        await catalog.UpsertAsync(definition, null, "ana", CancellationToken.None);
        var read = await catalog.GetAsync("etl", 1, CancellationToken.None);

        // Assert
        Assert.Equal(PipelineJson.Serialize(definition), PipelineJson.Serialize(read!.Definition));
    }

    [Fact]
    public async Task The_list_holds_the_heads_only_beside_versions_watermarks_durations_and_audit()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        await catalog.UpsertAsync(Pipeline("b-pipe", "b"), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("a.pipe", "a"), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("a.pipe", "a2"), 1, "ana", CancellationToken.None);
        await new BlobWatermarkStore(storage.Containers).TryAdvanceAsync("a.pipe", "name:current", null,
            _time.GetUtcNow(), CancellationToken.None);
        await new BlobDurationHistory(storage.Containers).RecordAsync("a.pipe", "current",
            TimeSpan.FromSeconds(3), CancellationToken.None);
        await new BlobAuditLog(storage.Containers).AppendAsync(
            new Api.Audit.AuditEntry(_time.GetUtcNow(), "ana", "pipeline.created", "a.pipe", null, "team"),
            CancellationToken.None);

        // Act
        var listed = await catalog.ListAsync(CancellationToken.None);

        // Assert
        Assert.Equal([("a.pipe", 2), ("b-pipe", 1)],
            listed.Select(p => (p.Definition.Id, p.Version)).OrderBy(p => p.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Listing_again_reuses_the_heads_that_did_not_change_and_reads_a_head_another_instance_changed()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var catalog = new BlobPipelineCatalog(storage.Containers, _time);
        var other = new BlobPipelineCatalog(storage.OtherInstance(), _time);
        await catalog.UpsertAsync(Pipeline("kept", "first"), null, "ana", CancellationToken.None);
        await catalog.UpsertAsync(Pipeline("changed", "first"), null, "ana", CancellationToken.None);
        var before = (await catalog.ListAsync(CancellationToken.None)).ToDictionary(p => p.Definition.Id);

        // Act
        await other.UpsertAsync(Pipeline("changed", "second"), 1, "bo", CancellationToken.None);
        var after = (await catalog.ListAsync(CancellationToken.None)).ToDictionary(p => p.Definition.Id);

        // Assert: the same record, not parsed again; the changed one at its new version.
        Assert.Same(before["kept"], after["kept"]);
        Assert.Equal((2, "second"), (after["changed"].Version, after["changed"].Definition.Description));
    }

    private async Task<BlobPipelineCatalog> CatalogAsync() =>
        new((await FreshStorage.CreateAsync(azurite)).Containers, _time);

    private static PipelineDefinition Pipeline(string id, string description) => new()
    {
        Id = id,
        OwnerGroup = "team",
        Description = description,
        Tasks = [new TaskDefinition { Id = "extract", Kind = "delay" }],
    };
}
