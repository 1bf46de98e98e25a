using Workflow.Engine.Tests.Support;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Engine.Tests.Services;

/// <summary>
/// A definition stored before schedule fields of another kind were refused (here, "every" on a cron schedule) still
/// loads, and saves that keep that schedule as it is still pass; a change to the schedule is checked in full.
/// </summary>
public sealed class StoredScheduleFieldsTests
{
    [Fact]
    public async Task A_stored_schedule_with_a_field_of_another_kind_loads_and_is_saved_again_until_it_changes()
    {
        // Arrange: a valid definition, then its stored JSON given the field an older engine accepted.
        var data = TempDirectory.Create();
        var definition = Pipelines.Define("stored-every", Pipelines.Code("t", "none")) with
        {
            Schedules = [new ScheduleDefinition { Cron = "0 2 * * *" }],
        };
        await OlderDefinitions.StoreAsync(data, definition, "'$.schedules[0].every', '5m'");

        await using var engine = await TestEngine.StartAsync(dataDirectory: data);

        // Act
        var stored = await engine.Workflow.GetPipelineAsync("stored-every", null, CancellationToken.None);
        var disabled = await engine.Workflow.UpsertPipelineAsync(stored!.Definition with { Enabled = false }, 1,
            "test", CancellationToken.None);
        var changed = stored.Definition with
        {
            Schedules = [stored.Definition.Schedules[0] with { Cron = "0 3 * * *" }],
        };
        var refused = await Assert.ThrowsAsync<PipelineValidationException>(async () =>
            await engine.Workflow.UpsertPipelineAsync(changed, disabled.Version, "test", CancellationToken.None));

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(5), stored.Definition.Schedules[0].Every);
        Assert.Equal(2, disabled.Version);
        Assert.Equal("schedules[0].every", Assert.Single(refused.Errors).Path);
    }
}
