using Workflow.Functions.Storage;
using Workflow.Functions.Tests.Support;
using Workflow.Model;

namespace Workflow.Functions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobWatermarkStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Two = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Three = Two.AddHours(1);

    [Fact]
    public async Task An_advance_is_compare_and_set_and_another_instance_loads_it()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var store = new BlobWatermarkStore(storage.Containers);

        // Act
        var first = await store.TryAdvanceAsync("sales", "name:nightly", null, Two, CancellationToken.None);
        var again = await store.TryAdvanceAsync("sales", "name:nightly", null, Three, CancellationToken.None);
        var stale = await store.TryAdvanceAsync("sales", "name:nightly", Three, Three, CancellationToken.None);
        var next = await store.TryAdvanceAsync("sales", "name:nightly", Two, Three, CancellationToken.None);
        var loaded = await new BlobWatermarkStore(storage.OtherInstance()).LoadAsync(CancellationToken.None);

        // Assert
        Assert.Equal((true, false, false, true), (first, again, stale, next));
        Assert.Equal(Three, Assert.Single(loaded, m => m.Key == ("sales", "name:nightly")).Value);
    }

    [Fact]
    public async Task An_expected_value_in_another_offset_is_the_same_instant()
    {
        // Arrange
        var store = new BlobWatermarkStore((await FreshStorage.CreateAsync(azurite)).Containers);
        await store.TryAdvanceAsync("sales", "name:nightly", null, Two, CancellationToken.None);

        // Act
        var advanced = await store.TryAdvanceAsync("sales", "name:nightly", Two.ToOffset(TimeSpan.FromHours(5)),
            Three, CancellationToken.None);

        // Assert
        Assert.True(advanced);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2026-03-01T02:00:00Z")]
    public async Task Instances_ticking_at_once_advance_one_watermark_exactly_once(string? from)
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        DateTimeOffset? expected = from is null
            ? null
            : DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        if (expected is { } start)
        {
            await new BlobWatermarkStore(storage.Containers).TryAdvanceAsync("sales", "name:hourly", null, start,
                CancellationToken.None);
        }

        var instances = Enumerable.Range(0, 8).Select(_ => new BlobWatermarkStore(storage.OtherInstance())).ToList();

        // Act
        var results = await Task.WhenAll(instances.Select((store, i) => store.TryAdvanceAsync("sales", "name:hourly",
            expected, Three.AddMinutes(i), CancellationToken.None).AsTask()));

        // Assert
        var winner = Assert.Single(Enumerable.Range(0, results.Length), i => results[i]);
        var loaded = await instances[0].LoadAsync(CancellationToken.None);
        Assert.Equal(Three.AddMinutes(winner), loaded[("sales", "name:hourly")]);
    }

    [Fact]
    public async Task Schedule_keys_made_of_cron_rules_and_time_zones_round_trip_one_watermark_each()
    {
        // Arrange
        var store = new BlobWatermarkStore((await FreshStorage.CreateAsync(azurite)).Containers);
        var keys = new[]
        {
            ScheduleKeyOf(new ScheduleDefinition
            {
                Kind = ScheduleKind.Cron, Cron = "*/5 0-6 * * MON#1", TimeZone = "America/Argentina/Buenos_Aires",
            }),
            ScheduleKeyOf(new ScheduleDefinition
            {
                Kind = ScheduleKind.Cron, Cron = "*/5 0-6 * * MON#1", TimeZone = "Europe/London",
            }),
            ScheduleKeyOf(new ScheduleDefinition
            {
                Kind = ScheduleKind.Interval, Every = TimeSpan.FromMinutes(90), Anchor = Two,
            }),
            "name:nächtlich ? 100%",
        };

        // Act
        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
        {
            Assert.True(await store.TryAdvanceAsync("sales", key, null, Two.AddDays(i), CancellationToken.None));
        }

        var loaded = await store.LoadAsync(CancellationToken.None);

        // Assert
        Assert.Equal(keys.Select((k, i) => (k, Two.AddDays(i))).OrderBy(p => p.k, StringComparer.Ordinal),
            loaded.Select(p => (p.Key.ScheduleKey, p.Value)).OrderBy(p => p.ScheduleKey, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_pipeline_named_like_the_watermark_folder_does_not_show_up_as_watermarks()
    {
        // Arrange
        var storage = await FreshStorage.CreateAsync(azurite);
        var store = new BlobWatermarkStore(storage.Containers);
        await new BlobPipelineCatalog(storage.Containers, TimeProvider.System).UpsertAsync(
            new PipelineDefinition { Id = "_schedule", OwnerGroup = "team" }, null, "ana", CancellationToken.None);
        await store.TryAdvanceAsync("sales", "name:nightly", null, Two, CancellationToken.None);

        // Act
        var loaded = await store.LoadAsync(CancellationToken.None);

        // Assert
        Assert.Equal([(("sales", "name:nightly"), Two)], loaded.Select(p => (p.Key, p.Value)));
    }

    private static string ScheduleKeyOf(ScheduleDefinition schedule) => Workflow.Runtime.Scheduling.ScheduleKey.Of(schedule);
}
