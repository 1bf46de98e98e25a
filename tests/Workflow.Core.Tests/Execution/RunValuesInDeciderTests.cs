using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Core.Tests.Execution;

public class RunValuesInDeciderTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static PipelineDefinition Pipeline(params TaskDefinition[] tasks) => new()
    {
        Id = "p",
        OwnerGroup = "g",
        Schedules = [new ScheduleDefinition { Cron = "0 6 * * *" }],
        Parameters = [new ParameterDefinition { Name = "day", Type = "string" }],
        Tasks = tasks,
    };

    [Fact]
    public void Every_attempts_input_carries_the_parameters_and_the_run_variables()
    {
        var run = new DeciderHarness();
        var logical = DeciderHarness.T0;
        var commands = run.Apply(new RunStarted(logical, "p@20260105T060000Z",
            Pipeline(new TaskDefinition { Id = "t", Kind = "process", Config = Json("""{"command":"sh"}""") }),
            Json("""{"day":"mon"}"""), logical));

        var input = commands.OfType<RunTask>().Single().Input!.Value;
        Assert.Equal("mon", input.GetProperty("$params").GetProperty("day").GetString());
        var vars = input.GetProperty("$run");
        Assert.Equal("p@20260105T060000Z", vars.GetProperty("id").GetString());
        Assert.Equal("2026-01-05T06:00:00Z", vars.GetProperty("logicalTime").GetString());
        Assert.Equal("2026-01-04T06:00:00Z", vars.GetProperty("dataIntervalStart").GetString());
        Assert.Equal("2026-01-05T06:00:00Z", vars.GetProperty("dataIntervalEnd").GetString());
    }

    [Fact]
    public void A_sub_pipeline_task_renders_the_parameters_it_gives_its_child()
    {
        var run = new DeciderHarness();
        var child = new TaskDefinition
        {
            Id = "call",
            Kind = "sub-pipeline",
            Config = Json("""{"pipelineId":"c","parameters":{"d":"{{ params.day }}","r":"{{ run.id }}","n":1}}"""),
        };

        var commands = run.Apply(new RunStarted(DeciderHarness.T0, "run-1", Pipeline(child), Json("""{"day":"tue"}"""),
            DeciderHarness.T0));

        var start = commands.OfType<StartChildRun>().Single();
        Assert.Equal("""{"d":"tue","r":"run-1","n":1}""", start.Parameters!.Value.GetRawText());
    }
}
