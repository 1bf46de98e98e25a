using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Services;

namespace Workflow.Core.Tests.Scheduling;

public class BackfillPlannerTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static PipelineDefinition Pipeline(params ScheduleDefinition[] schedules) => new()
    {
        Id = "sales",
        OwnerGroup = "g",
        Schedules = [.. schedules],
        Tasks = [new TaskDefinition { Id = "t", Kind = "delay" }],
    };

    private static ScheduleDefinition Daily(string? name = "daily") => new() { Name = name, Cron = "0 2 * * *" };

    [Fact]
    public void A_closed_range_gives_one_run_per_occurrence_with_the_schedulers_run_ids()
    {
        var plan = BackfillPlanner.Plan(Pipeline(Daily()), null, Day.AddHours(2), Day.AddDays(2).AddHours(2));

        Assert.Equal(["sales@20260301T020000Z", "sales@20260302T020000Z", "sales@20260303T020000Z"],
            plan.Runs.Select(r => r.RunId));
        Assert.Equal(Day.AddDays(1).AddHours(2), plan.Runs[1].LogicalTime);
        Assert.Equal(RunIds.ForSchedule("sales", Day.AddHours(2)), plan.Runs[0].RunId);
    }

    [Fact]
    public void A_backfill_of_a_schedule_with_parameters_gives_the_run_ids_that_schedule_fires_with()
    {
        var region = System.Text.Json.JsonDocument.Parse("""{"region": "us"}""").RootElement.Clone();
        var us = Daily("us") with { Parameters = region };

        var plan = BackfillPlanner.Plan(Pipeline(Daily("eu"), us), "us", Day.AddHours(2), Day.AddHours(2));

        Assert.Equal(RunIds.ForSchedule(Pipeline(Daily("eu"), us), us, Day.AddHours(2)), Assert.Single(plan.Runs).RunId);
        Assert.Matches("^sales@20260301T020000Z-[0-9a-f]{8}$", plan.Runs[0].RunId);
    }

    [Fact]
    public void The_schedule_window_limits_the_backfill()
    {
        var windowed = Daily() with { Start = Day.AddDays(1), End = Day.AddDays(2).AddHours(3) };

        var plan = BackfillPlanner.Plan(Pipeline(windowed), "daily", Day, Day.AddDays(10));

        Assert.Equal([Day.AddDays(1).AddHours(2), Day.AddDays(2).AddHours(2)], plan.Runs.Select(r => r.LogicalTime));
    }

    [Fact]
    public void A_range_over_the_limit_is_refused_naming_the_count()
    {
        var ex = Assert.Throws<InvalidRequestException>(() =>
            BackfillPlanner.Plan(Pipeline(Daily()), null, Day, Day.AddDays(1500).AddHours(-1)));

        Assert.Equal("to", Assert.Single(ex.Errors).Path);
        Assert.Contains("1,500 occurrences", ex.Message);
        Assert.Contains("at most 1,000", ex.Message);
    }

    [Fact]
    public void Several_schedules_need_a_name_and_an_unknown_name_is_refused()
    {
        var pipeline = Pipeline(Daily(), Daily("nightly"));

        var unnamed = Assert.Throws<InvalidRequestException>(() => BackfillPlanner.Plan(pipeline, null, Day, Day.AddDays(1)));
        var unknown = Assert.Throws<InvalidRequestException>(() => BackfillPlanner.Plan(pipeline, "x", Day, Day.AddDays(1)));

        Assert.Equal(("schedule", "schedule"), (unnamed.Errors[0].Path, unknown.Errors[0].Path));
        Assert.Contains("'nightly'", unknown.Message);
    }

    [Fact]
    public void A_reversed_range_is_refused()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => BackfillPlanner.Plan(Pipeline(Daily()), null, Day, Day.AddDays(-1)));

        Assert.Equal("to", Assert.Single(ex.Errors).Path);
    }
}
