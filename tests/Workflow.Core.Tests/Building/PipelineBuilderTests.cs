using Workflow.Building;
using Workflow.Json;
using Workflow.Model;
using static Workflow.Building.Schedules;
using static Workflow.Building.Tasks;

namespace Workflow.Core.Tests.Building;

public class PipelineBuilderTests
{
    [Fact]
    public void Builder_and_json_forms_produce_the_same_definition()
    {
        var built = Pipeline.Define("sales-weekly", owner: "data-eng")
            .Schedule(Cron("0 2 * * MON", zone: "Europe/Berlin"))
            .Deadline(DayOfWeek.Tuesday, new TimeOnly(23, 59))
            .Task("extract-orders", HttpGet("http://127.0.0.1:9/orders"))
            .Task("extract-customers", Process("python3", "extract.py"))
            .Task("transform", Code("TransformSales"), after: ["extract-orders", "extract-customers"],
                retry: Retry.Exponential(5))
            .Build();

        var json = PipelineJson.Serialize(built);
        var parsed = PipelineJson.Parse(json);

        Assert.Equal(json, PipelineJson.Serialize(parsed));
        Assert.Equal(["extract-orders", "extract-customers"], parsed.Tasks[2].DependsOn);
        Assert.Null(parsed.Tasks[2].Pool);
        Assert.Equal(5, parsed.Tasks[2].Retry!.MaxAttempts);
        Assert.Equal(DayOfWeek.Tuesday, parsed.Sla!.Deadline!.Day);
    }

    [Fact]
    public void Every_schedule_factory_sets_only_fields_its_kind_reads_and_a_field_of_another_kind_is_refused()
    {
        var at = new DateTimeOffset(2030, 1, 1, 2, 0, 0, TimeSpan.Zero);
        ScheduleDefinition[] made =
        [
            Cron("0 2 * * *", "Europe/Berlin", DstGapPolicy.Skip, DstOverlapPolicy.Twice),
            Every(TimeSpan.FromMinutes(5), at), Once(at),
        ];

        var built = made.Aggregate(Pipeline.Define("kinds", owner: "g"), (p, s) => p.Schedule(s))
            .Task("t", Code("T")).Build();
        var mixed = Assert.Throws<ArgumentException>(() => Pipeline.Define("mixed", owner: "g")
            .Schedule(Cron("0 2 * * *") with { Every = TimeSpan.FromMinutes(5) }));
        var dst = Assert.Throws<ArgumentException>(() => Pipeline.Define("dst", owner: "g")
            .Schedule(Every(TimeSpan.FromMinutes(5)) with { DstGap = DstGapPolicy.Skip }));

        Assert.True(new Workflow.Validation.PipelineValidator().Validate(built).IsValid);
        Assert.Contains("'every' does not apply to a cron schedule", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"interval\"", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("'dstGap' does not apply to an interval schedule", dst.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_built_code_task_runs_in_the_code_pool_unless_the_pipeline_or_the_task_names_one()
    {
        var plain = Pipeline.Define("plain", owner: "data-eng").Task("t", Code("Transform")).Build();
        var defaulted = Pipeline.Define("defaulted", owner: "data-eng").Defaults(pool: "batch")
            .Task("t", Code("Transform")).Build();
        var named = Pipeline.Define("named", owner: "data-eng").Defaults(pool: "batch")
            .Task("t", Code("Transform"), pool: TaskPools.Cpu).Build();

        Assert.Equal(TaskPools.Code, TaskPools.Of(plain.Tasks[0], plain.Defaults));
        Assert.Equal("batch", TaskPools.Of(defaulted.Tasks[0], defaulted.Defaults));
        Assert.Equal(TaskPools.Cpu, TaskPools.Of(named.Tasks[0], named.Defaults));
    }

    [Fact]
    public void Loops_over_a_table_list_generate_one_task_per_table()
    {
        string[] tables = ["orders", "customers", "items"];

        var p = Pipeline.Define("sync", owner: "data-eng")
            .ForEach(tables, t => $"load-{t}", t => Process("load", t))
            .Task("report", Code("Report"), after: tables.Select(t => $"load-{t}"))
            .Build();

        Assert.Equal(4, p.Tasks.Count);
        Assert.Equal(3, p.Tasks[3].DependsOn.Count);
    }

    [Fact]
    public void Enums_and_durations_use_the_documented_json_spelling()
    {
        var p = Pipeline.Define("x", owner: "g")
            .Task("a", Delay(TimeSpan.FromMinutes(90)), trigger: TriggerRule.NoneFailed, timeout: TimeSpan.FromSeconds(30))
            .Build();

        var json = PipelineJson.Serialize(p);

        Assert.Contains("\"trigger\":\"none-failed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"timeout\":\"30s\"", json, StringComparison.Ordinal);
        Assert.Contains("\"duration\":\"1h30m\"", json, StringComparison.Ordinal);
    }
}
