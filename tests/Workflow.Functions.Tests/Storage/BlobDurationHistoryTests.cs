using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobDurationHistoryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Samples_are_kept_per_task_oldest_first_and_only_the_newest_are_kept()
    {
        // Arrange
        var history = new BlobDurationHistory((await FreshStorage.CreateAsync(azurite)).Containers);

        // Act
        for (var i = 1; i <= BlobDurationHistory.Keep + 2; i++)
        {
            Assert.True(await history.RecordAsync("sales", "load.v2", TimeSpan.FromSeconds(i), CancellationToken.None));
        }

        await history.RecordAsync("sales", "extract", TimeSpan.FromMilliseconds(1500), CancellationToken.None);
        await history.RecordAsync("sales-eu", "extract", TimeSpan.FromMinutes(1), CancellationToken.None);
        var recent = await history.RecentAsync("sales", CancellationToken.None);

        // Assert
        Assert.Equal(["extract", "load.v2"], recent.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([TimeSpan.FromMilliseconds(1500)], recent["extract"]);
        Assert.Equal(Enumerable.Range(3, BlobDurationHistory.Keep).Select(s => TimeSpan.FromSeconds(s)),
            recent["load.v2"]);
    }

    [Fact]
    public async Task Instances_recording_at_once_lose_no_sample_they_report_as_recorded()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var instances = Enumerable.Range(0, 6).Select(_ => new BlobDurationHistory(storage.OtherInstance())).ToList();

        // Act
        var recorded = await Task.WhenAll(instances.Select((h, i) =>
            h.RecordAsync("sales", "load", TimeSpan.FromSeconds(i + 1), CancellationToken.None).AsTask()));
        var samples = (await instances[0].RecentAsync("sales", CancellationToken.None))["load"];

        // Assert
        Assert.Equal(Enumerable.Range(0, 6).Where(i => recorded[i]).Select(i => TimeSpan.FromSeconds(i + 1)),
            samples.Order());
    }

    [Fact]
    public async Task A_pipeline_without_samples_has_none()
    {
        // Arrange
        var history = new BlobDurationHistory((await FreshStorage.CreateAsync(azurite)).Containers);

        // Act
        var recent = await history.RecentAsync("sales", CancellationToken.None);

        // Assert
        Assert.Empty(recent);
    }
    [Fact]
    public async Task Deleting_a_pipelines_samples_leaves_a_pipeline_whose_id_it_begins()
    {
        // Arrange
        var history = new BlobDurationHistory((await FreshStorage.CreateAsync(azurite)).Containers);
        await history.RecordAsync("sales", "load", TimeSpan.FromSeconds(1), CancellationToken.None);
        await history.RecordAsync("sales", "extract", TimeSpan.FromSeconds(2), CancellationToken.None);
        await history.RecordAsync("sales-eu", "load", TimeSpan.FromSeconds(3), CancellationToken.None);

        // Act
        var deleted = await history.DeleteAsync("sales", CancellationToken.None);

        // Assert
        Assert.Equal(2, deleted);
        Assert.Empty(await history.RecentAsync("sales", CancellationToken.None));
        Assert.Equal([TimeSpan.FromSeconds(3)], (await history.RecentAsync("sales-eu", CancellationToken.None))["load"]);
        Assert.Equal(["sales-eu"], await history.PipelinesAsync(CancellationToken.None));
    }
}
