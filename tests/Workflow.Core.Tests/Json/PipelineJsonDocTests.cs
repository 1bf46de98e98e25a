using System.Reflection;
using System.Text.Json;
using Workflow.Json;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Core.Tests.Json;

/// <summary>Keeps docs/pipeline-json.md honest: its example parses and validates, and it names every field.</summary>
public class PipelineJsonDocTests
{
    private static readonly string Doc = RepositoryFiles.Read(Path.Combine("docs", "pipeline-json.md"));

    [Fact]
    public void The_complete_example_parses_and_validates()
    {
        var json = ExampleJson();
        var validator = new PipelineValidator(new ValidationOptions().WithTaskKinds(
            "http", "process", "code", "delay", "wait-until", "sub-pipeline", "queue-drain"));

        var result = validator.ValidateJson(json, out var definition);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("sales-weekly", definition!.Id);
        Assert.Equal(7, definition.Tasks.Count);
        Assert.Equal(4, definition.Schedules.Count);
        Assert.Equal(DayOfWeek.Tuesday, definition.Sla!.Deadline!.Day);
        Assert.Equal(new TimeOnly(23, 59), definition.Sla.Deadline.Time);
        Assert.Equal(TimeSpan.FromMinutes(15), definition.Schedules[2].Every);
        Assert.Equal("list-regions", definition.Tasks[4].Map!.Over);
    }

    [Fact]
    public void The_example_survives_a_round_trip_unchanged()
    {
        var parsed = PipelineJson.Parse(ExampleJson());

        var again = PipelineJson.Parse(PipelineJson.Serialize(parsed));

        Assert.Equal(PipelineJson.Serialize(parsed), PipelineJson.Serialize(again));
    }

    [Fact]
    public void Every_field_of_the_model_is_documented()
    {
        var undocumented = ModelTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.DeclaringType != typeof(object) && p.Name != "EqualityContract")
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Distinct()
            .Where(name => !Doc.Contains($"`{name}`", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Every_enum_value_is_documented()
    {
        var undocumented = typeof(PipelineDefinition).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(PipelineDefinition).Namespace)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => f.GetCustomAttribute<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>()!.Name)
            .Where(name => !Doc.Contains($"`{name}`", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(undocumented);
    }

    private static IEnumerable<Type> ModelTypes() => typeof(PipelineDefinition).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(PipelineDefinition).Namespace && t.IsClass && !t.IsAbstract
                    && t.GetMethod("<Clone>$") is not null);

    private static string ExampleJson()
    {
        var marker = Doc.IndexOf("<!-- example", StringComparison.Ordinal);
        Assert.True(marker >= 0, "docs/pipeline-json.md has no example marker.");
        var start = Doc.IndexOf("```json", marker, StringComparison.Ordinal) + "```json".Length;
        var end = Doc.IndexOf("```", start, StringComparison.Ordinal);
        return Doc[start..end];
    }
}
