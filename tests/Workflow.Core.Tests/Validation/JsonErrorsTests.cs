using System.Text.Json;
using Workflow.Json;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

public class JsonErrorsTests
{
    private static ValidationError ParseError(string json) =>
        JsonErrors.ToValidationError(Assert.ThrowsAny<JsonException>(() => PipelineJson.Parse(json)));

    [Fact]
    public void A_wrong_enum_value_names_the_path_and_lists_the_allowed_values()
    {
        var error = ParseError("""
            { "id": "p", "ownerGroup": "g",
              "tasks": [ { "id": "a", "kind": "delay" }, { "id": "b", "kind": "delay", "trigger": "sometimes" } ] }
            """);

        Assert.Equal("tasks[1].trigger", error.Path);
        Assert.DoesNotContain("Workflow.Model", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("Use one of: all-success, all-done, one-failed, one-success, none-failed.", error.Hint);
    }

    [Fact]
    public void A_string_where_a_number_belongs_says_a_whole_number_is_expected()
    {
        var error = ParseError("""{ "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "retry": { "maxAttempts": "three" } } ] }""");

        Assert.Equal("tasks[0].retry.maxAttempts", error.Path);
        Assert.Contains("whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_duration_keeps_the_converters_explanation()
    {
        var error = ParseError("""{ "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "timeout": "soon" } ] }""");

        Assert.Equal("tasks[0].timeout", error.Path);
        Assert.Contains("'soon' is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_property_is_named()
    {
        var error = ParseError("""{ "id": "p", "tasks": [] }""");

        Assert.Contains("ownerGroup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_syntax_reports_where_it_broke()
    {
        var error = ParseError("{ \"id\": \"p\",\n \"ownerGroup\": \"g\" \"tasks\": [] }");

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void ValidateJson_refuses_an_oversize_definition_before_parsing_it()
    {
        var validator = new PipelineValidator(new ValidationOptions { MaxDefinitionBytes = 100 });
        var json = $$"""{ "id": "p", "ownerGroup": "g", "description": "{{new string('x', 200)}}", "tasks": [] }""";

        var result = validator.ValidateJson(json, out var definition);

        Assert.Null(definition);
        Assert.Contains("limit is 100 bytes", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateJson_parses_and_validates_in_one_call()
    {
        var result = new PipelineValidator().ValidateJson(
            """{ "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "custom", "dependsOn": ["b"] } ] }""",
            out var definition);

        Assert.NotNull(definition);
        Assert.Equal("tasks[0].dependsOn[0]", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void An_unknown_property_in_a_task_is_placed_at_its_own_line_not_where_the_reader_stopped()
    {
        // The serializer reads a task to its end before it checks its names, and reported the end of the document.
        var json = """
            {
              "id": "p",
              "ownerGroup": "g",
              "tasks": [
                { "id": "a", "kind": "delay", "config": { "duration": "1s" } },
                { "id": "b", "kind": "delay",
                  "dependOn": ["a"],
                  "config": { "duration": "1s" } }
              ],
              "description": "d"
            }
            """;

        var result = new PipelineValidator().ValidateJson(json, out _);

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks[1].dependOn", error.Path);
        Assert.Contains("(line 7, column 7)", error.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'dependsOn'?", error.Hint);
    }

    [Fact]
    public void An_unknown_top_level_property_is_placed_at_its_line()
    {
        var json = "{\n  \"id\": \"p\",\n  \"ownerGroup\": \"g\",\n  \"taskz\": [],\n  \"tasks\": []\n}";

        var error = Assert.Single(new PipelineValidator().ValidateJson(json, out _).Errors);

        Assert.Equal("taskz", error.Path);
        Assert.Contains("(line 4, column 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_duration_says_durations_cannot_be_negative_without_a_syntax_hint()
    {
        var error = ParseError("""{ "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "timeout": "-5s" } ] }""");

        Assert.Equal("tasks[0].timeout", error.Path);
        Assert.StartsWith("'-5s' is negative: durations cannot be negative", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("syntax", error.Hint ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_with_a_lone_surrogate_is_named_as_text_that_is_not_valid_unicode()
    {
        var error = ParseError("""{ "id": "p", "ownerGroup": "g", "description": "ab\uD800cd", "tasks": [ { "id": "a", "kind": "delay" } ] }""");

        Assert.Equal("description", error.Path);
        Assert.StartsWith("The value of 'description' is not valid UTF-16 (Unicode) text", error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("not a string", error.Message, StringComparison.Ordinal);
        Assert.Contains("surrogate", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_in_a_string_are_named_as_text_that_is_not_valid_unicode()
    {
        var bytes = """{ "id": "p", "ownerGroup": "g", "description": "ab?", "tasks": [] }"""u8.ToArray();
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF; // a byte no UTF-8 text holds
        var thrown = Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize(bytes, WorkflowJsonContext.Default.PipelineDefinition));

        var error = JsonErrors.ToValidationError(thrown);

        Assert.Equal("description", error.Path);
        Assert.StartsWith("The value of 'description' is not valid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"-5s\"")]
    [InlineData("\"-PT5S\"")]
    [InlineData("-5")]
    public void A_negative_delay_says_durations_cannot_be_negative(string duration)
    {
        var result = new PipelineValidator().ValidateJson(
            $$"""{ "id": "p", "ownerGroup": "g", "tasks": [ { "id": "a", "kind": "delay", "config": { "duration": {{duration}} } } ] }""",
            out _);

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks[0].config.duration", error.Path);
        Assert.Equal($"'config.duration' is {duration}; durations cannot be negative.", error.Message);
    }
}
