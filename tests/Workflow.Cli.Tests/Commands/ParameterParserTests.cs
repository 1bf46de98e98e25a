using Workflow.Cli.Commands;

namespace Workflow.Cli.Tests.Commands;

public sealed class ParameterParserTests
{
    [Fact]
    public void Values_that_read_as_JSON_keep_their_type_and_everything_else_is_a_string()
    {
        var parameters = ParameterParser.Parse(
            ["day=2024-05-01", "count=3", "ratio=0.5", "dry=true", "tags=[\"a\",\"b\"]", "version=1.2.3", "name=x=y", "empty="]);

        Assert.Equal(
            """{"day":"2024-05-01","count":3,"ratio":0.5,"dry":true,"tags":["a","b"],"version":"1.2.3","name":"x=y","empty":""}""",
            parameters!.ToJsonString());
    }

    [Fact]
    public void No_parameters_send_no_parameter_object()
    {
        Assert.Null(ParameterParser.Parse([]));
        Assert.Null(ParameterParser.Parse(null));
    }

    [Theory]
    [InlineData("day", "'day' is not name=value")]
    [InlineData("=5", "'=5' is not name=value")]
    public void A_pair_without_a_name_or_an_equals_sign_names_the_pair_and_the_fix(string pair, string expected)
    {
        var error = Assert.Throws<CliUsageException>(() => ParameterParser.Parse([pair]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("--param day=2024-05-01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_given_twice_is_refused()
    {
        var error = Assert.Throws<CliUsageException>(() => ParameterParser.Parse(["a=1", "a=2"]));

        Assert.Contains("'a' is given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_string_or_date_time_parameter_is_sent_as_written_and_others_keep_their_JSON_type()
    {
        var declared = ParameterParser.DeclaredTypes(new PipelineOutline("p", 3,
            [
                new ParameterSpec("code", "string", false), new ParameterSpec("at", "date-time", false),
                new ParameterSpec("n", "integer", false), new ParameterSpec("label", "string", false),
            ], []));

        var parameters = ParameterParser.Parse(["code=007", "at=2026-12-06", "n=5", "label=true", "quoted=\"x\""], declared);

        Assert.Equal("""{"code":"007","at":"2026-12-06","n":5,"label":"true","quoted":"x"}""", parameters!.ToJsonString());
    }
}
