using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Engine.Tests.Services;

/// <summary>
/// A definition stored before its fields had bounds (a 100,000-day delay, a 1-second retention, 50,000 parallel
/// tasks, a long description) still loads, is saved again unchanged, disabled and enabled; a changed field is
/// checked against its bound.
/// </summary>
public sealed class StoredLimitsTests
{
    [Fact]
    public async Task A_definition_past_the_new_bounds_loads_and_is_disabled_and_enabled_until_a_field_changes()
    {
        // Arrange: a valid definition, then its stored JSON given the values an older engine accepted.
        var data = TempDirectory.Create();
        var definition = Pipelines.Define("stored-limits", new TaskDefinition
        {
            Id = "wait",
            Kind = "delay",
            Config = Pipelines.ToJson(new { duration = "1s" }),
        });
        await OlderDefinitions.StoreAsync(data, definition,
            "'$.tasks[0].config.duration', '100000d', '$.retention', json('{\"runs\": \"1s\"}'), " +
            "'$.concurrency.maxParallelTasks', 50000, '$.description', $description",
            ("$description", new string('x', 3_000)));

        await using var engine = await TestEngine.StartAsync(dataDirectory: data);

        // Act
        var stored = await engine.Workflow.GetPipelineAsync("stored-limits", null, CancellationToken.None);
        var disabled = await engine.Workflow.UpsertPipelineAsync(stored!.Definition with { Enabled = false }, 1,
            "test", CancellationToken.None);
        var enabled = await engine.Workflow.UpsertPipelineAsync(disabled.Definition with { Enabled = true }, 2,
            "test", CancellationToken.None);
        var changed = enabled.Definition with
        {
            Tasks = [enabled.Definition.Tasks[0] with { Config = Pipelines.ToJson(new { duration = "99999d" }) }],
        };
        var refused = await Assert.ThrowsAsync<PipelineValidationException>(async () =>
            await engine.Workflow.UpsertPipelineAsync(changed, enabled.Version, "test", CancellationToken.None));

        // Assert
        Assert.Equal((50_000, 3_000), (stored.Definition.Concurrency.MaxParallelTasks,
            stored.Definition.Description!.Length));
        Assert.Equal(3, enabled.Version);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("tasks[0].config.duration", error.Path);
        Assert.Equal("'config.duration' is 99999d; a delay must be 0s to 365d.", error.Message);
    }
}
