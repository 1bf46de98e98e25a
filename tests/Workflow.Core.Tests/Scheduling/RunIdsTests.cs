using System.Text.Json;
using Workflow.Model;
using Workflow.Scheduling;

namespace Workflow.Core.Tests.Scheduling;

public class RunIdsTests
{
    [Fact]
    public void A_scheduled_run_id_is_the_pipeline_and_the_utc_instant_in_iso_basic_form()
    {
        var at = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.FromHours(1));

        var id = RunIds.ForSchedule("sales-weekly", at);

        Assert.Equal("sales-weekly@20260302T010000Z", id);
        Assert.True(RunIds.TryParseScheduled(id, out var pipeline, out var parsed));
        Assert.Equal("sales-weekly", pipeline);
        Assert.Equal(at, parsed);
    }

    [Fact]
    public void A_schedule_passing_other_parameters_than_the_first_tags_its_run_id_by_their_content_in_any_order()
    {
        var at = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        var eu = Hourly("eu", """{"region": "eu", "n": [1, {"b": 2, "a": 1}]}""");
        var euReordered = Hourly("eu2", """{"n":[1,{"a":1,"b":2}],"region":"eu"}""");
        var us = Hourly("us", """{"region": "us", "n": [1, {"b": 2, "a": 1}]}""");
        var plain = Hourly("plain", null);
        var empty = Hourly("empty", "{}");
        var pipeline = new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "g",
            Schedules = [eu, euReordered, us, plain, empty],
            Tasks = [new TaskDefinition { Id = "t", Kind = "delay" }],
        };
        string Of(ScheduleDefinition s) => RunIds.ForSchedule(pipeline, s, at);

        // The first schedule, and any passing the same values, keep the plain id; the others are tagged by theirs.
        Assert.Equal("p@20260302T010000Z", Of(eu));
        Assert.Equal("p@20260302T010000Z", Of(euReordered));
        Assert.Matches("^p@20260302T010000Z-[0-9a-f]{8}$", Of(us));
        Assert.Matches("^p@20260302T010000Z-[0-9a-f]{8}$", Of(plain));
        Assert.Equal(Of(plain), Of(empty));
        Assert.NotEqual(Of(us), Of(plain));
        Assert.True(RunIds.TryParseScheduled(Of(us), out var id, out var parsed));
        Assert.Equal(("p", at), (id, parsed));
        Assert.False(RunIds.TryParseScheduled("p@20260302T010000Z-XYZ", out _, out _));
    }

    private static ScheduleDefinition Hourly(string name, string? parameters) => new()
    {
        Name = name,
        Kind = ScheduleKind.Interval,
        Every = TimeSpan.FromHours(1),
        Parameters = parameters is null ? null : JsonDocument.Parse(parameters).RootElement.Clone(),
    };

    [Fact]
    public void A_manual_run_id_is_marked_and_sorts_by_time()
    {
        var earlier = RunIds.NewManual("p", new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var later = RunIds.NewManual("p", new DateTimeOffset(2026, 3, 2, 2, 0, 0, 1, TimeSpan.Zero));

        // The instant may be later than the one given: ids follow every id this process made before.
        Assert.Matches(SortableId("manual"), earlier);
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.Equal("p@manual-abc", RunIds.Manual("p", "abc"));
        Assert.False(RunIds.TryParseScheduled(earlier, out _, out _));
        Assert.Throws<ArgumentException>(() => RunIds.Manual("p", "a b"));
    }

    [Fact]
    public void Ids_made_at_one_instant_or_with_a_clock_that_steps_back_are_distinct_and_sort_in_the_order_made()
    {
        var at = new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

        var ids = new[]
        {
            RunIds.NewManual("p", at), RunIds.NewManual("p", at), RunIds.NewManual("p", at.AddSeconds(-1)),
        };

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rerun_id_is_marked_as_a_rerun_and_sorts_like_a_manual_one()
    {
        var id = RunIds.NewRerun("p", new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

        Assert.Matches(SortableId("rerun"), id);
        Assert.False(RunIds.TryParseScheduled(id, out _, out _));
    }

    private static string SortableId(string marker) => $"^p@{marker}-[0-9]{{8}}T[0-9]{{9}}Z-[0-9a-f]{{8}}$";
}
