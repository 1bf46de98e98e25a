using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Services;
using static Workflow.Core.Tests.Execution.Defs;
using static Workflow.Core.Tests.Execution.Rerun.Versions;

namespace Workflow.Core.Tests.Execution.Rerun;

public class RerunPlanTests
{
    private static readonly Dictionary<string, JsonElement?> Kept = new()
    {
        ["a"] = null,
        ["b"] = null,
        ["m[0]"] = null,
    };

    private static PipelineRecord Pinned() => V(1,
        Task("a"), Task("b", "a"), Task("m", "a") with { Map = new MapSpec { Over = "a" } }, Task("c", "b"));

    [Fact]
    public void On_the_pinned_version_everything_kept_is_kept()
    {
        var pinned = Pinned();

        Assert.Same(Kept, RerunPlan.For("r", Kept, pinned, pinned));
    }

    [Fact]
    public void A_new_version_that_changes_only_tasks_that_run_again_fits()
    {
        var target = V(2, Task("a"), Task("b", "a"), Task("m", "a") with { Map = new MapSpec { Over = "a" } },
            Task("c", "b") with { Kind = "http" }, Task("d", "c"));

        Assert.Same(Kept, RerunPlan.For("r", Kept, Pinned(), target));
    }

    [Fact]
    public void A_new_version_where_kept_tasks_no_longer_fit_is_refused_naming_each()
    {
        var target = V(2, Task("a"), Task("b", "a", "x"), Task("x"), Task("c", "b"));

        var error = Assert.Throws<ConflictException>(() => RerunPlan.For("r", Kept, Pinned(), target));

        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b' depended on [a] and depends on [a, x] now", error.Message, StringComparison.Ordinal);
        Assert.Contains("'m' succeeded and would be kept, but the current version has no such task", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("2 task(s)", error.Message, StringComparison.Ordinal);
    }
}
