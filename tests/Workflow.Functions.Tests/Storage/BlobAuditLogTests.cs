using Workflow.Api.Audit;
using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobAuditLogTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Entries_are_listed_newest_first_across_days_up_to_the_limit()
    {
        // Arrange
        var audit = new BlobAuditLog((await FreshStorage.CreateAsync(azurite)).Containers);
        var at = Noon;
        foreach (var (when, target) in new[] { (at.AddDays(-2), "one"), (at.AddDays(-1), "two"),
                     (at.AddDays(-1).AddHours(1), "three"), (at, "four") })
        {
            await audit.AppendAsync(Entry(when, target, "team"), CancellationToken.None);
        }

        // Act
        var all = await audit.ListAsync(null, 10, CancellationToken.None);
        var newest = await audit.ListAsync(null, 2, CancellationToken.None);

        // Assert
        Assert.Equal(["four", "three", "two", "one"], all.Select(e => e.Target));
        Assert.Equal(["four", "three"], newest.Select(e => e.Target));
        Assert.Equal(Entry(at.AddDays(-1), "two", "team"), all[2]);
    }

    [Fact]
    public async Task Only_the_callers_groups_are_listed_and_no_groups_lists_nothing()
    {
        // Arrange
        var audit = new BlobAuditLog((await FreshStorage.CreateAsync(azurite)).Containers);
        await audit.AppendAsync(Entry(Noon, "ours", "team"), CancellationToken.None);
        await audit.AppendAsync(Entry(Noon, "theirs", "other"), CancellationToken.None);

        // Act
        var ours = await audit.ListAsync(["team"], 10, CancellationToken.None);
        var none = await audit.ListAsync([], 10, CancellationToken.None);

        // Assert
        Assert.Equal(["ours"], ours.Select(e => e.Target));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Entries_written_by_instances_at_once_are_all_kept()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var entries = Enumerable.Range(0, 20).Select(i => Entry(Noon, $"t{i}", "team")).ToList();

        // Act
        await Task.WhenAll(entries.Select(e =>
            new BlobAuditLog(storage.OtherInstance()).AppendAsync(e, CancellationToken.None).AsTask()));
        var listed = await new BlobAuditLog(storage.Containers).ListAsync(null, 100, CancellationToken.None);

        // Assert
        Assert.Equal(entries.Select(e => e.Target).Order(), listed.Select(e => e.Target).Order());
    }

    [Fact]
    public async Task An_entry_from_months_ago_is_listed_and_a_pipeline_called_audit_is_not_taken_for_entries()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var audit = new BlobAuditLog(storage.Containers);
        await audit.AppendAsync(Entry(Noon.AddDays(-90), "long ago", "team"), CancellationToken.None);
        await new BlobPipelineCatalog(storage.Containers, TimeProvider.System).UpsertAsync(
            new PipelineDefinition { Id = "_audit", OwnerGroup = "team" }, null, "ana", CancellationToken.None);
        await audit.AppendAsync(Entry(Noon, "today", "team"), CancellationToken.None);

        // Act
        var listed = await audit.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Equal(["today", "long ago"], listed.Select(e => e.Target));
    }

    private static AuditEntry Entry(DateTimeOffset at, string target, string group) =>
        new(at, "ana", AuditActions.PipelineUpdated, target, $"detail of {target}", group);
}
