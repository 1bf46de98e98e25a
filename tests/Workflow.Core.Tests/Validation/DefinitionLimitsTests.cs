using System.Text.Json;
using Workflow.Building;
using Workflow.Json;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Core.Tests.Validation;

public class DefinitionLimitsTests
{
    private static JsonElement Delay(string duration) =>
        JsonDocument.Parse($$"""{ "duration": "{{duration}}" }""").RootElement;

    private static PipelineDefinition P(string delay = "1s") => new()
    {
        Id = "p",
        OwnerGroup = "g",
        Tasks = [new TaskDefinition { Id = "wait", Kind = "delay", Config = Delay(delay) }],
    };

    /// <summary>A definition past every bound, each by one field.</summary>
    private static PipelineDefinition PastEveryBound() => P("100000d") with
    {
        Description = new string('x', DefinitionLimits.MaxDescriptionLength + 1),
        Concurrency = new ConcurrencyPolicy { MaxParallelTasks = 1_000_000 },
        Retention = new RetentionPolicy { Runs = TimeSpan.FromSeconds(1), Logs = TimeSpan.FromDays(100_000) },
        Parameters = [new ParameterDefinition { Name = "day", Description = new string('y', 5_000) }],
    };

    [Fact]
    public void Each_value_past_its_bound_is_refused_at_its_path_with_the_value_and_the_range()
    {
        var result = new PipelineValidator().Validate(PastEveryBound());

        var byPath = result.Errors.ToDictionary(e => e.Path);
        Assert.Equal(
            ["concurrency.maxParallelTasks", "description", "parameters[0].description", "retention.logs",
                "retention.runs", "tasks[0].config.duration"],
            byPath.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The description is 2,049 characters; the limit is 2,048.", byPath["description"].Message);
        Assert.Equal("maxParallelTasks is 1000000; it must be 1 to 10,000.",
            byPath["concurrency.maxParallelTasks"].Message);
        Assert.Equal("retention.runs is 1s; it must be 1h to 3650d.", byPath["retention.runs"].Message);
        Assert.Equal("retention.logs is 100000d; it must be 1h to 3650d.", byPath["retention.logs"].Message);
        Assert.Equal("'config.duration' is 100000d; a delay must be 0s to 365d.",
            byPath["tasks[0].config.duration"].Message);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Hint)));
    }

    [Fact]
    public void Values_at_the_bounds_pass()
    {
        var definition = P("365d") with
        {
            Description = new string('x', DefinitionLimits.MaxDescriptionLength),
            Concurrency = new ConcurrencyPolicy { MaxParallelTasks = DefinitionLimits.MaxParallelTasks },
            Retention = new RetentionPolicy { Runs = TimeSpan.FromDays(3_650), Logs = TimeSpan.FromHours(1) },
        };

        var result = new PipelineValidator().Validate(definition);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_stored_definition_past_the_bounds_is_accepted_unchanged_and_checked_once_changed()
    {
        var stored = PipelineJson.Parse(PipelineJson.Serialize(PastEveryBound()));
        var validator = new PipelineValidator();

        var disabled = validator.Validate(stored with { Enabled = false }, stored);
        var changedDelay = validator.Validate(stored with
        {
            Tasks = [stored.Tasks[0] with { Config = Delay("99999d") }],
        }, stored);
        var created = validator.Validate(stored);

        Assert.True(disabled.IsValid, string.Join("; ", disabled.Errors));
        Assert.Equal("tasks[0].config.duration", Assert.Single(changedDelay.Errors).Path);
        Assert.Equal(6, created.Errors.Count);
    }

    [Fact]
    public void A_stored_delay_does_not_let_another_task_past_the_bound()
    {
        var stored = P("100000d");
        var renamed = stored with { Tasks = [stored.Tasks[0] with { Id = "other" }] };

        var result = new PipelineValidator().Validate(renamed, stored);

        Assert.Equal("tasks[0].config.duration", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void The_builder_refuses_what_validation_refuses_in_the_same_words()
    {
        var pipeline = Pipeline.Define("p", "g");

        var description = Assert.Throws<ArgumentException>(() => pipeline.Describe(new string('x', 2_049)));
        var parallel = Assert.Throws<ArgumentException>(() => pipeline.MaxParallel(10_001));
        var retention = Assert.Throws<ArgumentException>(() => pipeline.Retain(TimeSpan.FromSeconds(1)));
        var delay = Assert.Throws<ArgumentException>(() => Tasks.Delay(TimeSpan.FromDays(100_000)));
        var negative = Assert.Throws<ArgumentException>(() => Tasks.Delay(TimeSpan.FromSeconds(-5)));

        Assert.StartsWith("The description is 2,049 characters; the limit is 2,048.", description.Message,
            StringComparison.Ordinal);
        Assert.StartsWith("maxParallelTasks is 10001; it must be 1 to 10,000.", parallel.Message,
            StringComparison.Ordinal);
        Assert.StartsWith("retention.runs is 1s; it must be 1h to 3650d.", retention.Message, StringComparison.Ordinal);
        Assert.StartsWith("'config.duration' is 100000d; a delay must be 0s to 365d.", delay.Message,
            StringComparison.Ordinal);
        Assert.StartsWith("'config.duration' is -5s; a delay must be 0s to 365d. (Parameter", negative.Message,
            StringComparison.Ordinal);
    }
}
