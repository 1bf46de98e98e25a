using Workflow.Json;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

public class ScheduleAndSlaValidationTests
{
    private static ValidationResult Validate(ScheduleDefinition[] schedules, SlaPolicy? sla = null) =>
        new PipelineValidator().Validate(new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Schedules = schedules,
            Sla = sla,
            Tasks = [new TaskDefinition { Id = "a", Kind = "custom" }],
        });

    [Fact]
    public void Good_schedules_of_every_kind_are_valid()
    {
        var result = Validate([
            new ScheduleDefinition { Cron = "0 2 * * MON", TimeZone = "Europe/Berlin" },
            new ScheduleDefinition { Cron = "30 0 9 L * *" },
            new ScheduleDefinition { Cron = "0 9 * * MON#1", TimeZone = "America/New_York" },
            new ScheduleDefinition { Kind = ScheduleKind.Interval, Every = TimeSpan.FromMinutes(15) },
            new ScheduleDefinition { Kind = ScheduleKind.Once, At = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero) },
        ]);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_bad_cron_an_unknown_zone_a_zero_interval_and_a_missing_instant_are_all_reported()
    {
        var result = Validate([
            new ScheduleDefinition { Cron = "0 25 * * *" },
            new ScheduleDefinition { Cron = "0 2 * * *", TimeZone = "Europe/Berln" },
            new ScheduleDefinition { Kind = ScheduleKind.Interval, Every = TimeSpan.Zero },
            new ScheduleDefinition { Kind = ScheduleKind.Once },
            new ScheduleDefinition { Cron = "0 2 * *" },
        ]);

        Assert.Equal(
            ["schedules[0].cron", "schedules[1].timeZone", "schedules[2].every", "schedules[3].at", "schedules[4].cron"],
            result.Errors.Select(e => e.Path));
        Assert.Contains("0 25 * * *", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'Europe/Berlin'?", result.Errors[1].Hint);
        Assert.Contains("4 fields", result.Errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_another_kind_is_refused_naming_the_field_and_the_kind_with_the_kind_that_reads_it()
    {
        var at = new DateTimeOffset(2030, 1, 1, 2, 0, 0, TimeSpan.Zero);
        var result = Validate([
            new ScheduleDefinition { Cron = "0 2 * * *", Every = TimeSpan.FromMinutes(5), At = at },
            new ScheduleDefinition
            {
                Kind = ScheduleKind.Interval, Every = TimeSpan.FromMinutes(5), At = at, Cron = "0 2 * * *",
                DstGap = DstGapPolicy.Skip,
            },
            new ScheduleDefinition
            {
                Kind = ScheduleKind.Once, At = at, Anchor = at, DstOverlap = DstOverlapPolicy.Twice,
            },
        ]);

        Assert.Equal(
            ["schedules[0].every", "schedules[0].at", "schedules[1].cron", "schedules[1].at", "schedules[1].dstGap",
             "schedules[2].anchor", "schedules[2].dstOverlap"],
            result.Errors.Select(e => e.Path));
        Assert.Equal("'every' does not apply to a cron schedule, which would ignore it.", result.Errors[0].Message);
        Assert.Equal("'every' is read by interval schedules: remove it, or set \"kind\": \"interval\".",
            result.Errors[0].Hint);
        Assert.Contains("an interval schedule", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"once\"", result.Errors[3].Hint, StringComparison.Ordinal);
        Assert.Contains("a once schedule", result.Errors[6].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_definition_with_default_dst_policies_passes_again_as_read_back()
    {
        var stored = PipelineJson.Parse(PipelineJson.Serialize(new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Tasks = [new TaskDefinition { Id = "a", Kind = "custom" }],
            Schedules = [new ScheduleDefinition { Kind = ScheduleKind.Interval, Every = TimeSpan.FromHours(1) }],
        }));

        Assert.True(new PipelineValidator().Validate(stored).IsValid);
    }

    [Fact]
    public void A_schedule_the_replaced_version_already_has_keeps_its_field_of_another_kind_until_it_changes()
    {
        var odd = new ScheduleDefinition { Name = "nightly", Cron = "0 2 * * *", Every = TimeSpan.FromMinutes(5) };
        PipelineDefinition With(params ScheduleDefinition[] schedules) => new()
        {
            Id = "p",
            OwnerGroup = "g",
            Schedules = schedules,
            Tasks = [new TaskDefinition { Id = "a", Kind = "custom" }],
        };
        var stored = With(odd);
        var validator = new PipelineValidator();

        var reapplied = validator.Validate(stored with { Enabled = false }, stored);
        var moved = validator.Validate(With(new ScheduleDefinition { Cron = "0 1 * * *" }, odd), stored);
        var changed = validator.Validate(With(odd with { Cron = "0 3 * * *" }), stored);
        var created = validator.Validate(stored);

        Assert.True(reapplied.IsValid, string.Join("; ", reapplied.Errors));
        Assert.True(moved.IsValid, string.Join("; ", moved.Errors));
        Assert.Equal("schedules[0].every", Assert.Single(changed.Errors).Path);
        Assert.Equal("schedules[0].every", Assert.Single(created.Errors).Path);
    }

    [Fact]
    public void A_catch_up_of_no_runs_is_refused_with_a_hint_that_shows_the_field_in_use()
    {
        var result = Validate([
            new ScheduleDefinition { Cron = "0 2 * * *", CatchUp = new CatchUpPolicy { Mode = CatchUpMode.All, MaxRuns = 0 } },
        ]);

        var error = Assert.Single(result.Errors);
        Assert.Equal("schedules[0].catchUp.maxRuns", error.Path);
        Assert.Contains("\"maxRuns\": 10", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_zone_is_refused_on_an_interval_or_once_schedule_too()
    {
        // The preview and the deadline read the zone of every kind; an unknown one hid the schedule from both.
        var result = Validate([
            new ScheduleDefinition
            {
                Kind = ScheduleKind.Interval, Every = TimeSpan.FromMinutes(5), TimeZone = "Mars/Olympus",
            },
            new ScheduleDefinition
            {
                Kind = ScheduleKind.Once, At = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero),
                TimeZone = "Europe/Berln",
            },
        ]);

        Assert.Equal(["schedules[0].timeZone", "schedules[1].timeZone"], result.Errors.Select(e => e.Path));
        Assert.Equal("Did you mean 'Europe/Berlin'?", result.Errors[1].Hint);
    }

    [Fact]
    public void A_cron_restricting_both_day_of_month_and_day_of_week_is_refused_with_the_reason()
    {
        var result = Validate([new ScheduleDefinition { Cron = "0 2 1 * MON" }]);

        var error = Assert.Single(result.Errors);
        Assert.Contains("both the day of month", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_rules_and_alert_urls_are_checked()
    {
        var sla = new SlaPolicy
        {
            Deadline = new DeadlineRule { Day = DayOfWeek.Tuesday, TimeZone = "Mars/Olympus" },
            Channels = [new AlertChannel { Url = "not a url" }],
            SlowFactor = 0,
        };

        var result = Validate([], sla);

        Assert.Equal(["sla.slowFactor", "sla.deadline.time", "sla.deadline.timeZone", "sla.channels[0].url"],
            result.Errors.Select(e => e.Path));
    }
}
