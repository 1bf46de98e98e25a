using Workflow.Building;
using Workflow.Services;
using static Workflow.Core.Tests.Execution.Defs;

namespace Workflow.Core.Tests.Services;

public class PipelineRecordCacheTests
{
    private static PipelineRecord V(int version) =>
        new(Pipeline(Task("a")), version, $"\"v{version}\"", DateTimeOffset.UnixEpoch, "erin");

    [Fact]
    public void A_record_is_found_only_under_its_key_and_the_stamp_it_was_kept_with()
    {
        var cache = new PipelineRecordCache<int>();
        var one = cache.Keep("p", 1, V(1));

        Assert.True(cache.TryGet("p", 1, out var found));
        Assert.Same(one, found);
        Assert.False(cache.TryGet("p", 2, out _));
        Assert.False(cache.TryGet("q", 1, out _));
    }

    [Fact]
    public void Keeping_another_stamp_under_a_key_replaces_the_record_kept_there()
    {
        var cache = new PipelineRecordCache<int>();
        cache.Keep("p", 1, V(1));

        var two = cache.Keep("p", 2, V(2));

        Assert.False(cache.TryGet("p", 1, out _));
        Assert.True(cache.TryGet("p", 2, out var found));
        Assert.Same(two, found);
    }

    [Fact]
    public void Reading_an_older_version_keeps_the_head_cached()
    {
        var cache = new PipelineRecordCache<int>();
        var head = cache.Keep("p", 3, V(3));

        var older = cache.Keep("p", 1, V(1), head: false);
        cache.Keep("p", 2, V(2), head: false);

        Assert.True(cache.TryGet("p", 3, out var found));
        Assert.Same(head, found);
        Assert.True(cache.TryGet("p", 2, out _));
        Assert.False(cache.TryGet("p", 1, out _), $"only the last other version is kept, not {older.Version}");
    }
}
