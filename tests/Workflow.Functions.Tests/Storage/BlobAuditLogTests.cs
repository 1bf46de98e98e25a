using Microsoft.Extensions.Time.Testing;
using Workflow.Api.Audit;
using Workflow.Functions.Support;

namespace Workflow.Functions.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobAuditLogTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Entries_are_listed_newest_first_across_days_up_to_the_limit()
    {
        // Arrange
        var audit = new BlobAuditLog((await FreshStorage.CreateAsync(azurite)).Containers, _time);
        var at = _time.GetUtcNow();
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
        var audit = new BlobAuditLog((await FreshStorage.CreateAsync(azurite)).Containers, _time);
        await audit.AppendAsync(Entry(_time.GetUtcNow(), "ours", "team"), CancellationToken.None);
        await audit.AppendAsync(Entry(_time.GetUtcNow(), "theirs", "other"), CancellationToken.None);

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
        var entries = Enumerable.Range(0, 20).Select(i => Entry(_time.GetUtcNow(), $"t{i}", "team")).ToList();

        // Act
        await Task.WhenAll(entries.Select(e =>
            new BlobAuditLog(storage.OtherInstance(), _time).AppendAsync(e, CancellationToken.None).AsTask()));
        var listed = await new BlobAuditLog(storage.Containers, _time).ListAsync(null, 100, CancellationToken.None);

        // Assert
        Assert.Equal(entries.Select(e => e.Target).Order(), listed.Select(e => e.Target).Order());
    }

    [Fact]
    public async Task An_old_entry_is_still_listed_after_a_quiet_month()
    {
        // Arrange
        var audit = new BlobAuditLog((await FreshStorage.CreateAsync(azurite)).Containers, _time);
        await audit.AppendAsync(Entry(_time.GetUtcNow(), "long ago", "team"), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(60));

        // Act
        var listed = await audit.ListAsync(null, 10, CancellationToken.None);

        // Assert
        Assert.Equal(["long ago"], listed.Select(e => e.Target));
    }

    private static AuditEntry Entry(DateTimeOffset at, string target, string group) =>
        new(at, "ana", AuditActions.PipelineUpdated, target, $"detail of {target}", group);
}
