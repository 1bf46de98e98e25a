using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Core.Tests.Scheduling;

public class OverlapTests
{
    [Theory]
    [InlineData(OverlapPolicy.Allow, 2, OverlapAction.Start)]
    [InlineData(OverlapPolicy.Skip, 1, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.Queue, 1, OverlapAction.Queue)]
    [InlineData(OverlapPolicy.CancelPrevious, 3, OverlapAction.CancelPreviousThenStart)]
    [InlineData(OverlapPolicy.Skip, 0, OverlapAction.Start)]
    [InlineData(OverlapPolicy.Queue, 0, OverlapAction.Start)]
    public void Decide_follows_the_policy_only_while_another_run_is_active(OverlapPolicy policy, int active,
        OverlapAction expected) =>
        Assert.Equal(expected, Overlap.Decide(policy, active));

    [Fact]
    public void Start_applies_the_policy_to_manual_and_api_runs_only()
    {
        Assert.True(Overlap.GovernsStart(RunTrigger.Manual));
        Assert.True(Overlap.GovernsStart(RunTrigger.Api));
        Assert.False(Overlap.GovernsStart(RunTrigger.Parent));
        Assert.False(Overlap.GovernsStart(RunTrigger.Rerun));
        Assert.False(Overlap.GovernsStart(RunTrigger.Schedule));
    }

    [Fact]
    public void An_idempotency_key_names_one_run_per_pipeline_and_caller()
    {
        var id = IdempotencyKeys.RunId("p", "ann", "k1");

        Assert.Equal(id, IdempotencyKeys.RunId("p", "ann", "k1"));
        Assert.NotEqual(id, IdempotencyKeys.RunId("p", "bob", "k1"));
        Assert.NotEqual(id, IdempotencyKeys.RunId("q", "ann", "k1"));
        Assert.StartsWith("p@key-", id);
        Assert.NotNull(IdempotencyKeys.Problem("has space"));
        Assert.Null(IdempotencyKeys.Problem("retry-7f3a"));
    }
}
