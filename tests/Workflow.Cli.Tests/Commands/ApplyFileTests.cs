using Workflow.Cli.Commands;

namespace Workflow.Cli.Tests.Commands;

public sealed class ApplyFileTests
{
    [Fact]
    public void The_pipeline_id_is_read_from_the_file()
    {
        Assert.Equal("nightly", ApplyCommand.PipelineId("""{ "id": "nightly", "tasks": [], /* note */ }""", "p.json"));
    }

    [Fact]
    public void A_syntax_error_names_the_file_line_and_column()
    {
        var error = Assert.Throws<CliUsageException>(() =>
            ApplyCommand.PipelineId("{\n  \"id\": \"x\",\n  \"tasks\": [ oops ]\n}", "bad.json"));

        Assert.StartsWith("'bad.json' is not valid JSON at line 3, column 14:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "tasks": [] }""")]
    [InlineData("""{ "id": "" }""")]
    [InlineData("""{ "id": 7 }""")]
    public void A_definition_without_a_usable_id_says_how_to_add_one(string json)
    {
        var error = Assert.Throws<CliUsageException>(() => ApplyCommand.PipelineId(json, "p.json"));

        Assert.Equal("'p.json' has no \"id\": give the pipeline an id, for example \"id\": \"daily-report\".", error.Message);
    }

    [Fact]
    public void A_file_holding_an_array_is_refused()
    {
        var error = Assert.Throws<CliUsageException>(() => ApplyCommand.PipelineId("[]", "p.json"));

        Assert.Contains("must hold one JSON object", error.Message, StringComparison.Ordinal);
    }
}
