using System.Text.Json;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

public class ParameterRulesTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static PipelineDefinition Pipeline(string config, params ParameterDefinition[] parameters) => new()
    {
        Id = "p",
        OwnerGroup = "data-eng",
        Parameters = parameters,
        Tasks = [new TaskDefinition { Id = "t", Kind = "process", Config = Json(config) }],
    };

    private static readonly ParameterDefinition Region = new() { Name = "region", Type = "string" };

    private static IReadOnlyList<ValidationError> Errors(PipelineDefinition p) =>
        new PipelineValidator().Validate(p).Errors;

    [Fact]
    public void Templates_naming_declared_parameters_and_run_variables_are_valid()
    {
        var p = Pipeline("""
            {"command":"sh","args":["{{ params.region }}","{{ run.id }} {{ run.logicalTime }}",
             "{{ run.dataIntervalStart }}/{{run.dataIntervalEnd}}", "\\{{ params.ghost }}"],
             "env":{"R":"{{ params.region }}"},"workingDirectory":"/tmp/{{ params.region }}"}
            """, Region);

        Assert.Empty(Errors(p));
    }

    [Fact]
    public void A_template_naming_an_unknown_parameter_is_refused_at_its_path_with_a_hint()
    {
        var error = Assert.Single(Errors(Pipeline("""{"command":"sh","args":["-c","{{ params.regon }}"]}""", Region)));

        Assert.Equal("tasks[0].config.args[1]", error.Path);
        Assert.Contains("{{ params.regon }}", error.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'region'?", error.Hint);
    }

    [Fact]
    public void A_template_naming_an_unknown_run_variable_is_refused()
    {
        var error = Assert.Single(Errors(Pipeline("""{"command":"sh","env":{"X":"{{ run.owner }}"}}""")));

        Assert.Equal("tasks[0].config.env.X", error.Path);
        Assert.Contains("run variable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_whose_braces_are_written_as_json_escapes_is_still_checked()
    {
        // The raw JSON text holds no "{{": validation must not take it for a config without templates.
        var error = Assert.Single(Errors(Pipeline("""{"command":"sh","args":["\u007b\u007b params.regon }}"]}""",
            Region)));

        Assert.Equal("tasks[0].config.args[0]", error.Path);
        Assert.Contains("{{ params.regon }}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_and_a_default_of_another_type_are_refused()
    {
        var errors = Errors(Pipeline("""{"command":"sh"}""",
            new ParameterDefinition { Name = "a", Type = "int" },
            new ParameterDefinition { Name = "b", Type = "integer", Default = Json("\"ten\"") },
            new ParameterDefinition { Name = "c", Type = "date-time", Default = Json("\"2026-01-01T00:00:00Z\"") }));

        Assert.Equal(["parameters[0].type", "parameters[1].default"], errors.Select(e => e.Path));
        Assert.Contains("'int' is not a parameter type", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_parameters_that_a_trigger_would_refuse_are_refused()
    {
        var p = Pipeline("""{"command":"sh"}""", new ParameterDefinition { Name = "n", Type = "integer", Required = true })
            with
        {
            Schedules =
                [
                    new ScheduleDefinition { Cron = "0 * * * *", Parameters = Json("""{"n":"x"}""") },
                    new ScheduleDefinition { Cron = "0 * * * *", Name = "b", Parameters = Json("""{"m":1}""") },
                    new ScheduleDefinition { Cron = "0 * * * *", Name = "c", Parameters = Json("""{"n":3}""") },
                ],
        };

        var paths = Errors(p).Select(e => e.Path).ToList();

        Assert.Equal(["schedules[0].parameters.n", "schedules[1].parameters.m", "schedules[1].parameters.n"], paths);
    }

    [Fact]
    public void An_http_url_made_of_templates_is_checked_when_it_is_rendered_not_at_save()
    {
        var p = new PipelineDefinition
        {
            Id = "p",
            OwnerGroup = "data-eng",
            Parameters = [new ParameterDefinition { Name = "base", Type = "string" }],
            Tasks = [new TaskDefinition { Id = "t", Kind = "http", Config = Json("""{"url":"{{ params.base }}/x"}""") }],
        };

        Assert.Empty(Errors(p));
    }
}
