using FsCheck;
using FsCheck.Fluent;
using Workflow.Model;
using Workflow.Scheduling;
using Workflow.Validation;

namespace Workflow.Core.Tests.Scheduling;

public class ScheduleWindowTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static ScheduleDefinition Daily(DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        new() { Cron = "0 2 * * *", Start = start, End = end };

    [Fact]
    public void Nothing_fires_before_start_and_start_itself_may_fire()
    {
        var rule = Schedule.From(Daily(start: Day.AddDays(2).AddHours(2)));

        var fired = rule.Occurrences(Day, Day.AddDays(4)).ToList();

        Assert.Equal([Day.AddDays(2).AddHours(2), Day.AddDays(3).AddHours(2)], fired);
    }

    [Fact]
    public void Nothing_fires_after_end_however_far_one_looks()
    {
        var rule = Schedule.From(Daily(end: Day.AddDays(1).AddHours(2)));

        Assert.Equal([Day.AddHours(2), Day.AddDays(1).AddHours(2)], rule.Occurrences(Day, Day.AddYears(5)));
        Assert.Empty(rule.Next(Day.AddDays(1).AddHours(2), 10));
        Assert.Equal(2, rule.Occurrences(Day, DateTimeOffset.MaxValue).Count());
    }

    public sealed record Case(ScheduleDefinition Definition, DateTimeOffset From, DateTimeOffset To);

    private static readonly Arbitrary<Case> Cases = Arb.From(
        from every in Gen.Choose(1, 600)
        from startMinute in Gen.Choose(-2000, 2000)
        from length in Gen.Choose(0, 3000)
        from begin in Gen.Choose(-3000, 3000)
        from span in Gen.Choose(0, 6000)
        from open in Gen.Elements(0, 1, 2, 3)
        select new Case(
            new ScheduleDefinition
            {
                Kind = ScheduleKind.Interval,
                Every = TimeSpan.FromMinutes(every),
                Anchor = Day,
                Start = (open & 1) == 0 ? Day.AddMinutes(startMinute) : null,
                End = (open & 2) == 0 ? Day.AddMinutes(startMinute + length) : null,
            },
            Day.AddMinutes(begin), Day.AddMinutes(begin + span)));

    [Fact]
    public void The_windowed_occurrences_are_exactly_the_unwindowed_ones_inside_the_window()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Cases, c =>
        {
            var d = c.Definition;
            var windowed = Schedule.From(d).Occurrences(c.From, c.To).ToList();
            var plain = Schedule.From(d with { Start = null, End = null }).Occurrences(c.From, c.To)
                .Where(o => (d.Start is null || o >= d.Start) && (d.End is null || o <= d.End)).ToList();
            Assert.Equal(plain, windowed);
        }));
    }

    [Theory]
    [InlineData(-10, null, "active")]
    [InlineData(10, null, "pending")]
    [InlineData(-10, -1, "expired")]
    [InlineData(null, 1, "active")]
    public void State_follows_the_window(int? startDays, int? endDays, string expected)
    {
        var schedule = Daily(startDays is { } s ? Day.AddDays(s) : null, endDays is { } e ? Day.AddDays(e) : null);

        var state = ScheduleStates.At(schedule, Day);

        Assert.Equal(expected, state.ToString().ToLowerInvariant());
    }

    [Fact]
    public void A_once_schedule_that_has_fired_is_expired_and_an_expired_one_stays_expired_when_disabled()
    {
        var once = new ScheduleDefinition { Kind = ScheduleKind.Once, At = Day.AddHours(-1) };

        Assert.Equal(ScheduleState.Expired, ScheduleStates.At(once, Day));
        Assert.Equal(ScheduleState.Active, ScheduleStates.At(once, Day.AddHours(-2)));
        Assert.Equal(ScheduleState.Expired, ScheduleStates.At(once with { Enabled = false }, Day));
        Assert.Equal(ScheduleState.Disabled, ScheduleStates.At(Daily() with { Enabled = false }, Day));
    }

    [Fact]
    public void An_end_before_start_is_refused_naming_the_field()
    {
        var definition = new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Schedules = [Daily(start: Day, end: Day.AddDays(-1))],
            Tasks = [new TaskDefinition { Id = "t", Kind = "delay" }],
        };

        var result = new PipelineValidator().Validate(definition);

        Assert.Contains(result.Errors, e => e.Path == "schedules[0].end" && e.Message.Contains("before 'start'"));
        Assert.DoesNotContain(new PipelineValidator().Validate(definition with
        {
            Schedules = [Daily(start: Day, end: Day)],
        }).Errors, e => e.Path == "schedules[0].end");
    }
}
