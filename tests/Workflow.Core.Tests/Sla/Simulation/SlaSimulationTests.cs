using System.Globalization;
using Workflow.Model;
using Workflow.Sla;
using Xunit.Abstractions;

namespace Workflow.Core.Tests.Sla.Simulation;

/// <summary>
/// The monitor against simulated weekly runs under virtual time. The figures printed here are the ones quoted
/// in docs/observability.md.
/// </summary>
public class SlaSimulationTests(ITestOutputHelper output)
{
    private const double Sigma = 0.2;
    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    private static DateTimeOffset Deadline(PipelineDefinition d) =>
        DeadlineCalculator.Compute(d.Sla!.Deadline, WeeklyPipeline.Scheduled, d.Schedules[0].TimeZone)!.Value;

    [Theory]
    [InlineData("transform onwards 3x slower", "transform", 3.0)]
    [InlineData("every task 2.5x slower", "extract-orders", 2.5)]
    public void A_weekly_run_whose_tasks_slow_down_is_flagged_at_risk_hours_before_its_deadline(string scenario,
        string slowFrom, double factor)
    {
        var d = WeeklyPipeline.Definition(Margin);
        var deadline = Deadline(d);
        var estimates = WeeklyPipeline.Estimates(new Random(42), runs: 30, Sigma);
        var order = WeeklyPipeline.MedianHours.Keys.ToList();
        TimeSpan Duration(string id) => TimeSpan.FromHours(WeeklyPipeline.MedianHours[id] *
            (order.IndexOf(id) >= order.IndexOf(slowFrom) ? factor : 1.0));

        var result = VirtualRun.Execute(d, estimates, WeeklyPipeline.Scheduled, deadline, Duration);
        var naive = VirtualRun.Execute(d, estimates, WeeklyPipeline.Scheduled, deadline, Duration,
            new SlaMonitorSettings { ExtrapolateSlowdown = false });

        var risk = result.First(AlertKind.DeadlineAtRisk);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 22, 59, 0, TimeSpan.Zero), deadline);
        Assert.True(result.FinishedAt > deadline, "the scenario must really miss its deadline");
        Assert.NotNull(risk);
        var lead = deadline - risk.RaisedAt;
        Assert.True(lead >= TimeSpan.FromHours(4), $"at-risk came only {lead} before the deadline");
        Assert.NotNull(result.First(AlertKind.DeadlineMissed));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: at-risk at {risk.RaisedAt:HH:mm} UTC, {lead.TotalHours:F1}h before the deadline " +
            $"({deadline:HH:mm} UTC); run finished {(result.FinishedAt - deadline).TotalHours:F1}h late; without " +
            $"slowdown extrapolation {Lead(naive, deadline)}"));
    }

    [Fact]
    public void Normal_runs_drawn_from_history_raise_no_alerts()
    {
        var stats = Simulate(deadlineWithin: null, histories: 20, runsPerHistory: 25, slowed: false, seed: 7);

        output.WriteLine(stats.Describe("normal runs, deadline Tuesday 23:59 (margin 1h)"));
        Assert.Equal(500, stats.Runs);
        Assert.True(stats.FalseAlarmRate <= 0.01, stats.Describe("too many false alarms"));
    }

    [Fact]
    public void Tighter_deadlines_trade_false_alarms_for_detection_and_every_miss_is_flagged_before_it_happens()
    {
        var rows = new List<string>();
        foreach (var mode in new[] { ForecastMode.PathQuantile, ForecastMode.SumOfP95 })
        {
            var previousFalseAlarms = 1.0;
            foreach (var slack in new[] { 1.5, 2.0 })
            {
                var within = TimeSpan.FromHours(8 * slack);
                var settings = new SlaMonitorSettings { Mode = mode };
                var normal = Simulate(within, histories: 10, runsPerHistory: 10, slowed: false, seed: 11, settings);
                var slowed = Simulate(within, histories: 10, runsPerHistory: 10, slowed: true, seed: 13, settings);
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{mode}, within {slack:F2} x 8h: {normal.Describe("normal")} | {slowed.Describe("slowed")}"));

                Assert.True(normal.FalseAlarmRate <= previousFalseAlarms, string.Join(Environment.NewLine, rows));
                Assert.True(slowed.MissesFlaggedBeforeDeadline >= slowed.Misses * 0.95,
                    string.Join(Environment.NewLine, rows));
                previousFalseAlarms = normal.FalseAlarmRate;
            }
        }

        foreach (var row in rows)
        {
            output.WriteLine(row);
        }
    }

    private static string Lead(VirtualRunResult result, DateTimeOffset deadline) =>
        result.First(AlertKind.DeadlineAtRisk) is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"{(deadline - a.RaisedAt).TotalHours:F1}h before")
            : "no at-risk alert";

    /// <summary>
    /// Runs many simulated runs. Each history (30 past runs) gives one set of estimates, then runs are drawn
    /// from the same distribution; slowed runs multiply every task from a random point on by 1.5x to 3x.
    /// </summary>
    private static SimulationStats Simulate(TimeSpan? deadlineWithin, int histories, int runsPerHistory,
        bool slowed, int seed, SlaMonitorSettings? settings = null)
    {
        var random = new Random(seed);
        var d = WeeklyPipeline.Definition(Margin);
        if (deadlineWithin is { } within)
        {
            d = d with { Sla = d.Sla! with { Deadline = new DeadlineRule { Within = within } } };
        }

        var deadline = Deadline(d);
        var order = WeeklyPipeline.MedianHours.Keys.ToList();
        var stats = new SimulationStats();
        for (var h = 0; h < histories; h++)
        {
            var estimates = WeeklyPipeline.Estimates(random, runs: 30, Sigma);
            for (var r = 0; r < runsPerHistory; r++)
            {
                var from = slowed ? random.Next(order.Count) : order.Count;
                var factor = 1.5 + (1.5 * random.NextDouble());
                var durations = order.ToDictionary(id => id,
                    id => WeeklyPipeline.Draw(random, id, Sigma) * (order.IndexOf(id) >= from ? factor : 1.0));
                stats.Add(VirtualRun.Execute(d, estimates, WeeklyPipeline.Scheduled, deadline, id => durations[id],
                    settings),
                    deadline);
            }
        }

        return stats;
    }
}
