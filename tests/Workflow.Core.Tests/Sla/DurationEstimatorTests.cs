using FsCheck;
using FsCheck.Fluent;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Core.Tests.Sla;

public class DurationEstimatorTests
{
    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    [Fact]
    public void Percentiles_interpolate_between_the_closest_ranks()
    {
        var estimator = new DurationEstimator(new DurationEstimatorOptions { MinSamples = 3 });
        TimeSpan[] samples = [Min(10), Min(20), Min(30), Min(40), Min(50)];

        var estimate = estimator.Estimate(samples, configured: null);

        Assert.Equal(Min(30), estimate.P50);
        Assert.Equal(Min(48), estimate.P95);
        Assert.Equal(EstimateSource.History, estimate.Source);
        Assert.Equal(5, estimate.Samples);
    }

    [Fact]
    public void Only_the_most_recent_window_of_samples_counts()
    {
        var estimator = new DurationEstimator(new DurationEstimatorOptions { Window = 3, MinSamples = 3 });
        TimeSpan[] oldestFirst = [Min(500), Min(500), Min(1), Min(2), Min(3)];

        var estimate = estimator.Estimate(oldestFirst, configured: null);

        Assert.Equal(Min(2), estimate.P50);
        Assert.Equal(3, estimate.Samples);
    }

    [Fact]
    public void Too_little_history_falls_back_to_the_configured_duration_then_the_default()
    {
        var estimator = new DurationEstimator(new DurationEstimatorOptions { MinSamples = 5, Default = Min(7) });
        TimeSpan[] two = [Min(1), Min(2)];

        var configured = estimator.Estimate(two, configured: Min(45));
        var fallback = estimator.Estimate(two, configured: null);

        Assert.Equal(new DurationEstimate(Min(45), Min(45), EstimateSource.Configured, 0), configured);
        Assert.Equal(new DurationEstimate(Min(7), Min(7), EstimateSource.Default, 0), fallback);
    }

    [Fact]
    public void Every_task_of_a_definition_gets_an_estimate_and_the_rank_map_uses_p95()
    {
        var definition = new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Tasks =
            [
                new TaskDefinition { Id = "a", Kind = "code" },
                new TaskDefinition { Id = "b", Kind = "code", ExpectedDuration = Min(20) },
            ],
        };
        var estimator = new DurationEstimator(new DurationEstimatorOptions { MinSamples = 2 });

        var estimates = estimator.EstimateTasks(definition, id => id == "a" ? [Min(10), Min(30)] : []);
        var rank = DurationEstimator.ForRank(estimates);

        Assert.Equal(EstimateSource.History, estimates["a"].Source);
        Assert.Equal(Min(29), rank["a"]);
        Assert.Equal(Min(20), rank["b"]);
    }

    [Fact]
    public void Estimates_are_ordered_bounded_and_independent_of_sample_order()
    {
        var estimator = new DurationEstimator(new DurationEstimatorOptions { MinSamples = 1, Window = 1000 });
        var property = Prop.ForAll(Gen.ListOf(Gen.Choose(0, 100_000)).Where(l => l.Count > 0).ToArbitrary(),
            seconds =>
            {
                var samples = seconds.Select(s => TimeSpan.FromSeconds(s)).ToArray();
                var estimate = estimator.Estimate(samples, null);
                var reversed = estimator.Estimate(samples.Reverse().ToArray(), null);
                return estimate == reversed && estimate.P50 <= estimate.P95 &&
                       estimate.P50 >= samples.Min() && estimate.P95 <= samples.Max();
            });

        Check.QuickThrowOnFailure(property);
    }
}
