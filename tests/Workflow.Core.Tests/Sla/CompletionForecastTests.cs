using FsCheck;
using FsCheck.Fluent;
using Workflow.Sla;
using static Workflow.Core.Tests.Sla.SlaFixtures;

namespace Workflow.Core.Tests.Sla;

public class CompletionForecastTests
{
    private static SlaMonitorState Started(ForecastMode mode, int parallel = 4,
        IReadOnlyDictionary<string, DurationEstimate>? estimates = null)
    {
        var d = Chain(parallel: parallel);
        var settings = new SlaMonitorSettings { Mode = mode };
        return SlaMonitorDecider.Decide(SlaMonitorState.Initial,
            new MonitorStarted(T0, "r", d, estimates ?? Hourly(d), null, settings)).State;
    }

    [Fact]
    public void The_path_quantile_of_a_chain_lies_between_the_sum_of_medians_and_the_sum_of_p95s()
    {
        var quantile = CompletionForecast.Predict(Started(ForecastMode.PathQuantile), T0);
        var sum = CompletionForecast.Predict(Started(ForecastMode.SumOfP95), T0);

        Assert.Equal(T0 + H(3.75), sum.PredictedFinish);
        Assert.InRange(quantile.CriticalPath, H(3.05), H(3.5));
    }

    [Fact]
    public void With_one_slot_the_forecast_is_bound_by_the_work_and_not_the_critical_path()
    {
        var d = Chain() with { Tasks = [Task("a"), Task("b"), Task("c")], Concurrency = new() { MaxParallelTasks = 1 } };
        var state = SlaMonitorDecider.Decide(SlaMonitorState.Initial, new MonitorStarted(T0, "r", d, Hourly(d), null,
            new SlaMonitorSettings { Mode = ForecastMode.SumOfP95 })).State;

        var forecast = CompletionForecast.Predict(state, T0);

        Assert.Equal(H(1.25), forecast.CriticalPath);
        Assert.Equal(H(3.75), forecast.WorkOverParallelism);
        Assert.Equal(T0 + H(3.75), forecast.PredictedFinish);
    }

    [Fact]
    public void A_running_task_past_its_p95_is_assumed_to_need_its_overrun_again()
    {
        var state = SlaMonitorDecider.Decide(Started(ForecastMode.SumOfP95), new TaskStarted(T0, "a", 1)).State;

        var early = CompletionForecast.Predict(state, T0 + M(30));
        var late = CompletionForecast.Predict(state, T0 + H(3));

        // At 30m: a has 45m of its 1h15m p95 left, then 2 × 1h15m. At 3h: a has overrun its p95 by 1h45m.
        Assert.Equal(T0 + M(30) + M(45) + H(2.5), early.PredictedFinish);
        Assert.Equal(T0 + H(3) + H(1.75) + H(2.5), late.PredictedFinish);
    }

    [Fact]
    public void Finished_tasks_well_slower_than_expected_scale_the_pending_ones()
    {
        var state = Started(ForecastMode.SumOfP95);
        state = SlaMonitorDecider.Decide(state, new TaskStarted(T0, "a", 1)).State;
        var normal = SlaMonitorDecider.Decide(state,
            new TaskFinished(T0 + H(1.2), "a", 1, TaskOutcome.Succeeded)).State;
        var slow = SlaMonitorDecider.Decide(state, new TaskFinished(T0 + H(2), "a", 1, TaskOutcome.Succeeded)).State;

        // 2h observed against a mean of about 1h01m with a standard deviation of about 8m: the lower 99% bound
        // of the slowdown is about 1.66.
        var slowdown = CompletionForecast.Slowdown(slow);
        Assert.Equal(1.0, CompletionForecast.Slowdown(normal));
        Assert.InRange(slowdown, 1.6, 1.7);
        Assert.Equal(T0 + H(2) + H(2.5 * slowdown),
            CompletionForecast.Predict(slow, T0 + H(2)).PredictedFinish, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_forecast_never_lies_before_now_plus_the_longest_remaining_median()
    {
        var property = Prop.ForAll(Gen.Choose(1, 600).Three().ToArbitrary(), minutes =>
        {
            var (a, b, c) = minutes;
            var estimates = new Dictionary<string, DurationEstimate>
            {
                ["a"] = History(M(a), M(a * 1.5)),
                ["b"] = History(M(b), M(b * 1.2)),
                ["c"] = History(M(c), M(c * 2)),
            };
            var forecast = CompletionForecast.Predict(Started(ForecastMode.PathQuantile, 4, estimates), T0);
            var sum = CompletionForecast.Predict(Started(ForecastMode.SumOfP95, 4, estimates), T0);
            return forecast.PredictedFinish >= T0 + M(a + b + c) && forecast.PredictedFinish <= sum.PredictedFinish;
        });

        Check.QuickThrowOnFailure(property);
    }
}
