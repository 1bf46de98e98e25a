using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Audit;
using Workflow.Api.Tests.Infrastructure;
using Workflow.Json;
using Workflow.Services;

namespace Workflow.Api.Tests.Audit;

/// <summary>The saves of hosts without a one-write save (the Azure app's), here over the real engine and log.</summary>
public sealed class SaveThenAuditTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_create_saves_then_appends_and_a_taken_id_is_refused_before_anything_is_written()
    {
        // Arrange
        var (now, workflow, audit, saves) = Arrange();
        var save = new PipelineSave(PipelineJson.Parse("""
            {"id":"sta-p1","ownerGroup":"data-eng","tasks":[{"id":"wait","kind":"delay","config":{"duration":"1s"}}]}
            """), null, MustBeNew: true, "erin", AuditActions.PipelineCreated, now);

        // Act
        var saved = await saves.SaveAsync(save, CancellationToken.None);
        var taken = await Assert.ThrowsAsync<ConflictException>(() =>
            saves.SaveAsync(save, CancellationToken.None).AsTask());

        // Assert
        Assert.Equal(1, saved.Version);
        Assert.Contains("PUT /api/pipelines/sta-p1", taken.Message, StringComparison.Ordinal);
        var entries = (await audit.ListAsync(null, 1000, CancellationToken.None)).Where(e => e.Target == "sta-p1");
        Assert.Equal([new AuditEntry(now, "erin", AuditActions.PipelineCreated, "sta-p1", "version 1", "data-eng")],
            entries);
        Assert.Single(await workflow.ListPipelineVersionsAsync("sta-p1", CancellationToken.None));
    }

    [Fact]
    public async Task A_save_that_changes_nothing_appends_no_entry()
    {
        // Arrange
        var (now, workflow, audit, saves) = Arrange();
        var definition = PipelineJson.Parse("""
            {"id":"sta-p2","ownerGroup":"data-eng","tasks":[{"id":"wait","kind":"delay","config":{"duration":"1s"}}]}
            """);
        await saves.SaveAsync(new PipelineSave(definition, null, MustBeNew: true, "erin", AuditActions.PipelineCreated,
            now), CancellationToken.None);

        // Act
        var again = await saves.SaveAsync(new PipelineSave(definition, 1, MustBeNew: false, "erin",
            AuditActions.PipelineUpdated, now), CancellationToken.None);

        // Assert
        Assert.Equal(1, again.Version);
        var entries = (await audit.ListAsync(null, 1000, CancellationToken.None)).Where(e => e.Target == "sta-p2");
        Assert.Equal([AuditActions.PipelineCreated], entries.Select(e => e.Action));
    }

    /// <summary>
    /// The saves over the host's engine and log, and an instant dated now (to the millisecond the log keeps), since the
    /// host's retention sweep may delete an older entry between the append and the read.
    /// </summary>
    private (DateTimeOffset Now, IWorkflowService Workflow, IAuditLog Audit, SaveThenAudit Saves) Arrange()
    {
        var workflow = factory.Services.GetRequiredService<IWorkflowService>();
        var audit = factory.Services.GetRequiredService<IAuditLog>();
        return (DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), workflow,
            audit, new SaveThenAudit(workflow, audit));
    }
}
