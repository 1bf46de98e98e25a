using Workflow.Functions.Storage;
using Workflow.Services;
using static Workflow.Functions.Tests.Support.Definitions;

namespace Workflow.Functions.Tests.Storage;

public sealed class CatalogRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
    private static readonly PipelineRecord AtThree = new(Pipeline("sales", Code("a", "noop")), 3, "\"v3\"", T0, "ada");

    [Fact]
    public void A_new_pipeline_starts_at_version_one() =>
        Assert.Equal(1, CatalogRules.NextVersion("sales", null, null));

    [Fact]
    public void A_change_naming_the_current_version_makes_the_next_one() =>
        Assert.Equal(4, CatalogRules.NextVersion("sales", AtThree, 3));

    [Fact]
    public void A_stale_version_is_a_conflict_that_says_which_version_is_current()
    {
        var error = Assert.Throws<VersionConflictException>(() => CatalogRules.NextVersion("sales", AtThree, 2));
        Assert.Contains("version 3, not 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_an_existing_pipeline_is_a_conflict_and_replacing_a_missing_one_is_not_found()
    {
        var taken = Assert.Throws<ConflictException>(() => CatalogRules.NextVersion("sales", AtThree, null));
        Assert.Equal(PipelineIdTaken.Refusal("sales").Message, taken.Message);
        Assert.Throws<NotFoundException>(() => CatalogRules.NextVersion("ghost", null, 1));
    }
}
