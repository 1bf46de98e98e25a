using System.Text.Json;
using Workflow.Json;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

/// <summary>Definitions are read strictly: what the model does not have is refused, never silently dropped.</summary>
public class StrictJsonTests
{
    private static ValidationResult ValidateJson(string json) =>
        new PipelineValidator().ValidateJson(json, out _);

    private static ValidationError Single(ValidationResult result) => Assert.Single(result.Errors);

    [Fact]
    public void A_misspelt_depends_on_is_refused_with_its_path_and_the_known_spelling()
    {
        var result = ValidateJson("""
            { "id": "p", "ownerGroup": "g", "tasks": [
              { "id": "a", "kind": "delay", "config": { "duration": "1s" } },
              { "id": "b", "kind": "delay", "config": { "duration": "1s" }, "depends_on": ["a"] } ] }
            """);

        var error = Single(result);
        Assert.Equal("tasks[1].depends_on", error.Path);
        Assert.Contains("'depends_on' is not a known property", error.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'dependsOn'?", error.Hint);
    }

    [Theory]
    [InlineData("""{ "kind": "once", "at": "2027-01-01T06:00:00" }""", "schedules[0].at")]
    [InlineData("""{ "kind": "interval", "every": "1h", "anchor": "2027-01-01T06:00:00" }""", "schedules[0].anchor")]
    [InlineData("""{ "cron": "0 6 * * *", "start": "2027-01-01T06:00:00.5" }""", "schedules[0].start")]
    [InlineData("""{ "cron": "0 6 * * *", "end": "2027-01-01" }""", "schedules[0].end")]
    public void An_instant_without_its_offset_is_refused_rather_than_read_in_the_hosts_zone(string schedule,
        string path)
    {
        var error = Single(ValidateJson($$"""
            { "id": "p", "ownerGroup": "g", "schedules": [ {{schedule}} ],
              "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" } } ] }
            """));

        Assert.Equal(path, error.Path);
        Assert.Contains("is not an instant", error.Message, StringComparison.Ordinal);
        Assert.Equal(Instants.Hint, error.Hint);
    }

    [Fact]
    public void An_instant_with_its_offset_keeps_it_when_read_and_written_again()
    {
        var json = """
            { "id": "p", "ownerGroup": "g", "schedules": [ { "kind": "once", "at": "2027-01-01T06:00:00+09:00" } ],
              "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" } } ] }
            """;

        var written = PipelineJson.Serialize(PipelineJson.Parse(json));

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 6, 0, 0, TimeSpan.FromHours(9)),
            PipelineJson.Parse(written).Schedules[0].At);
        Assert.Contains("\"2027-01-01T06:00:00+09:00\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void A_singular_schedule_at_the_top_suggests_schedules()
    {
        var result = ValidateJson("""
            { "id": "p", "ownerGroup": "g", "schedule": [ { "cron": "0 2 * * *" } ],
              "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" } } ] }
            """);

        var error = Single(result);
        Assert.Equal("schedule", error.Path);
        Assert.Equal("Did you mean 'schedules'?", error.Hint);
    }

    [Fact]
    public void An_unknown_property_with_no_near_match_lists_the_known_ones()
    {
        var error = Single(ValidateJson("""
            { "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" },
              "retry": { "maxAttempts": 2, "zzzzzzzz": 1 } } ] }
            """));

        Assert.Equal("tasks[0].retry.zzzzzzzz", error.Path);
        Assert.Contains("maxAttempts", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_in_code_refuses_an_unknown_property_as_the_api_does()
    {
        var json = """{ "id": "p", "ownerGroup": "g", "tasks": [], "tasksx": [] }""";

        var thrown = Assert.ThrowsAny<JsonException>(() => PipelineJson.Parse(json));

        Assert.Equal("tasksx", JsonErrors.ToValidationError(thrown).Path);
    }

    [Theory]
    [InlineData("tasks[0].retry.maxAttempts", "\"retry\": { \"maxAttempts\": \"3\" }", "whole number")]
    [InlineData("tasks[0].retry.backoffCoefficient", "\"retry\": { \"backoffCoefficient\": \"1.5\" }", "a number")]
    [InlineData("tasks[0].priority", "\"priority\": \"5\"", "whole number")]
    [InlineData("tasks[0].priority", "\"priority\": 1e10", "whole number from -2,147,483,648 to 2,147,483,647")]
    public void A_number_given_as_a_string_or_out_of_range_is_refused_at_its_path(string path, string field, string expected)
    {
        var error = Single(ValidateJson($$"""
            { "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" },
              {{field}} } ] }
            """));

        Assert.Equal(path, error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("without quotes", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_in_code_refuses_a_quoted_number_as_the_api_does()
    {
        var json = """{ "id": "p", "ownerGroup": "g", "concurrency": { "maxParallelTasks": "4" }, "tasks": [] }""";

        var thrown = Assert.ThrowsAny<JsonException>(() => PipelineJson.Parse(json));

        Assert.Equal("concurrency.maxParallelTasks", JsonErrors.ToValidationError(thrown).Path);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("1e308")]
    [InlineData("\"99999999d\"")]
    [InlineData("\"9999999999999999999w\"")]
    [InlineData("\"P99999999999Y\"")]
    [InlineData("-1e308")]
    public void A_duration_too_large_for_a_timespan_is_an_error_at_its_path(string timeout)
    {
        var error = Single(ValidateJson($$"""
            { "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" },
              "timeout": {{timeout}} } ] }
            """));

        Assert.Equal("tasks[0].timeout", error.Path);
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        var error = Single(ValidateJson("""
            { "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" },
              "expectedDuration": -5 } ] }
            """));

        Assert.Equal("tasks[0].expectedDuration", error.Path);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-1")]
    public void A_schedule_kind_given_as_an_unknown_number_is_refused(string kind)
    {
        var error = Single(ValidateJson($$"""
            { "id": "p", "ownerGroup": "g", "schedules": [ { "kind": {{kind}}, "cron": "0 2 * * *" } ],
              "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" } } ] }
            """));

        Assert.Equal("schedules[0].kind", error.Path);
        Assert.Contains("cron, interval, once", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trigger_given_as_an_unknown_number_is_refused()
    {
        var error = Single(ValidateJson("""
            { "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": "1s" },
              "trigger": 42 } ] }
            """));

        Assert.Equal("tasks[0].trigger", error.Path);
    }
}
