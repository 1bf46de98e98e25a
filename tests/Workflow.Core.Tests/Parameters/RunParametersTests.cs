using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Workflow.Model;
using Workflow.Parameters;

namespace Workflow.Core.Tests.Parameters;

public class RunParametersTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static ParameterDefinition P(string name, string type, bool required = false, string? fallback = null) =>
        new() { Name = name, Type = type, Required = required, Default = fallback is null ? null : Json(fallback) };

    private static PipelineDefinition Pipeline(params ParameterDefinition[] parameters) =>
        new() { Id = "p", OwnerGroup = "g", Parameters = parameters, Tasks = [] };

    private static readonly PipelineDefinition EveryType = Pipeline(
        P("s", ParameterTypes.String), P("i", ParameterTypes.Integer), P("n", ParameterTypes.Number),
        P("b", ParameterTypes.Boolean), P("a", ParameterTypes.Array), P("o", ParameterTypes.Object),
        P("d", ParameterTypes.DateTime));

    [Fact]
    public void A_value_of_each_type_is_accepted_and_kept_in_declaration_order()
    {
        var given = Json("""
            {"d":"2026-03-01T02:00:00+01:00","o":{"k":1},"a":[1,"x"],"b":true,"n":1.5,"i":42,"s":"text"}
            """);

        var resolution = RunParameters.Resolve(EveryType, given);

        Assert.True(resolution.IsValid, string.Join("; ", resolution.Errors));
        Assert.Equal("""{"s":"text","i":42,"n":1.5,"b":true,"a":[1,"x"],"o":{"k":1},"d":"2026-03-01T02:00:00+01:00"}""",
            resolution.Values.GetRawText());
    }

    [Theory]
    [InlineData("s", "5")]
    [InlineData("i", "\"not-a-number\"")]
    [InlineData("i", "1.5")]
    [InlineData("n", "\"1\"")]
    [InlineData("b", "\"true\"")]
    [InlineData("a", "{}")]
    [InlineData("o", "[]")]
    [InlineData("d", "\"2026-03-01\"")]
    [InlineData("d", "\"2026-03-01T02:00:00\"")]
    [InlineData("d", "\"yesterday\"")]
    public void A_value_of_the_wrong_type_is_refused_naming_the_parameter(string name, string value)
    {
        var resolution = RunParameters.Resolve(EveryType, Json($$"""{"{{name}}": {{value}}}"""));

        var error = Assert.Single(resolution.Errors);
        Assert.Equal($"parameters.{name}", error.Path);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undeclared_name_is_refused_with_the_nearest_declared_one()
    {
        var pipeline = Pipeline(P("region", ParameterTypes.String));

        var error = Assert.Single(RunParameters.Resolve(pipeline, Json("""{"regon":"eu"}""")).Errors);

        Assert.Equal("parameters.regon", error.Path);
        Assert.Contains("not a parameter of pipeline 'p'", error.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'region'?", error.Hint);
    }

    [Fact]
    public void Defaults_fill_omitted_parameters_and_optional_ones_without_a_default_are_null()
    {
        var pipeline = Pipeline(P("limit", ParameterTypes.Integer, fallback: "10"), P("tag", ParameterTypes.String),
            P("day", ParameterTypes.String, required: true));

        var resolution = RunParameters.Resolve(pipeline, Json("""{"day":"mon"}"""));

        Assert.Equal("""{"limit":10,"tag":null,"day":"mon"}""", resolution.Values.GetRawText());
    }

    [Fact]
    public void A_missing_required_parameter_is_refused_and_a_null_counts_as_missing()
    {
        var pipeline = Pipeline(P("day", ParameterTypes.String, required: true));

        Assert.Equal("parameters.day", Assert.Single(RunParameters.Resolve(pipeline, null).Errors).Path);
        Assert.Equal("parameters.day", Assert.Single(RunParameters.Resolve(pipeline, Json("""{"day":null}""")).Errors).Path);
    }

    [Fact]
    public void Parameters_that_are_not_an_object_are_refused()
    {
        var error = Assert.Single(RunParameters.Resolve(EveryType, Json("[1]")).Errors);

        Assert.Equal("parameters", error.Path);
    }

    [Fact]
    public void The_exception_names_each_problem_by_its_parameter()
    {
        var ex = Assert.Throws<RunParametersException>(() =>
            RunParameters.ResolveOrThrow(EveryType, Json("""{"i":"x","zzz":1}""")));

        Assert.Equal(["parameters.i", "parameters.zzz"], ex.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Resolving_resolved_values_again_changes_nothing()
    {
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll<long, bool, NonNull<string>>((i, b, s) =>
        {
            var pipeline = Pipeline(P("i", ParameterTypes.Integer), P("b", ParameterTypes.Boolean, fallback: "true"),
                P("s", ParameterTypes.String), P("extra", ParameterTypes.Object));
            var given = JsonSerializer.SerializeToElement(new { i, b, s = s.Get });

            var once = RunParameters.ResolveOrThrow(pipeline, given);
            var twice = RunParameters.ResolveOrThrow(pipeline, once);

            return once.GetRawText() == twice.GetRawText() && once.GetProperty("i").GetInt64() == i &&
                   once.GetProperty("s").GetString() == s.Get;
        }));
    }

    [Fact]
    public void A_string_is_never_accepted_as_an_integer()
    {
        Check.One(Config.QuickThrowOnFailure, Prop.ForAll<NonNull<string>>(s =>
        {
            var given = JsonSerializer.SerializeToElement(new { i = s.Get });

            return RunParameters.Resolve(EveryType, given).Errors.Single().Path == "parameters.i";
        }));
    }
}
