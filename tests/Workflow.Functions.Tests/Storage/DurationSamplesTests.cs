using FsCheck;
using FsCheck.Fluent;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Tests.Storage;

public sealed class DurationSamplesTests
{
    [Fact]
    public void Adding_beyond_the_bound_drops_the_oldest_samples()
    {
        // Arrange
        var samples = DurationSamples.Empty;

        // Act
        foreach (var minutes in new[] { 1, 2, 3, 4 })
        {
            samples = samples.Add(TimeSpan.FromMinutes(minutes), keep: 3);
        }

        // Assert
        Assert.Equal([TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(4)], samples.Durations);
    }

    [Fact]
    public void The_samples_are_always_the_newest_ones_in_order_and_never_more_than_kept()
    {
        Prop.ForAll<int[], PositiveInt>((durations, keep) =>
        {
            var samples = DurationSamples.Empty;
            foreach (var ms in durations)
            {
                samples = samples.Add(TimeSpan.FromMilliseconds(Math.Abs((long)ms)), keep.Get);
            }

            var expected = durations.Select(ms => Math.Abs((long)ms)).TakeLast(keep.Get).ToArray();
            return samples.Milliseconds.SequenceEqual(expected);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_samples_blob_of_a_task_sits_under_its_pipelines_prefix_and_is_not_json()
    {
        // Act
        var name = BlobNames.Durations("sales/eu", "load[1]");

        // Assert
        Assert.StartsWith(BlobNames.DurationsPrefix("sales/eu"), name, StringComparison.Ordinal);
        Assert.EndsWith(BlobNames.DurationsSuffix, name, StringComparison.Ordinal);
        Assert.DoesNotContain(".json", name, StringComparison.Ordinal);
        Assert.Equal(3, name.Split('/').Length);
    }
}
