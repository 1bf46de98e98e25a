using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

public class DefinitionWarningsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static PipelineDefinition With(params ScheduleDefinition[] schedules) => new()
    {
        Id = "p",
        OwnerGroup = "g",
        Schedules = schedules,
        Tasks = [new TaskDefinition { Id = "a", Kind = "custom" }],
    };

    [Fact]
    public void A_once_schedule_in_the_past_and_a_window_that_has_closed_are_valid_but_warned_about()
    {
        var definition = With(
            new ScheduleDefinition { Kind = ScheduleKind.Once, At = Now.AddDays(-1) },
            new ScheduleDefinition { Cron = "0 2 * * *", End = Now.AddHours(-1) },
            new ScheduleDefinition { Kind = ScheduleKind.Once, At = Now.AddDays(1) },
            new ScheduleDefinition { Cron = "0 2 * * *", Enabled = false });

        var warnings = DefinitionWarnings.For(definition, Now);

        Assert.True(new PipelineValidator().Validate(definition).IsValid);
        Assert.Equal(["schedules[0].at", "schedules[1].end"], warnings.Select(w => w.Path));
        Assert.Equal("'at' (2026-12-06T12:00:00Z) has passed, so it will not fire and shows 'expired'.",
            warnings[0].Message);
        Assert.Contains("re-applying it unchanged is fine", warnings[0].Hint, StringComparison.Ordinal);
        Assert.Contains("Move 'end' later", warnings[1].Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_once_schedule_is_warned_about_from_the_instant_it_fires()
    {
        var definition = With(new ScheduleDefinition { Kind = ScheduleKind.Once, At = Now });

        Assert.Empty(DefinitionWarnings.For(definition, Now.AddTicks(-1)));
        Assert.Single(DefinitionWarnings.For(definition, Now));
    }
}
