using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Audit;
using Workflow.Engine.Services;
using Workflow.Host.Audit;
using Workflow.Json;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Host.Tests.Audit;

public sealed class SqlitePipelineSavesTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("wf-saves-").FullName;

    private string DatabasePath => Path.Combine(_directory, "workflow.db");

    [Fact]
    public async Task A_save_stores_the_version_with_its_entry_and_a_refused_save_stores_neither()
    {
        // Arrange
        await using var engine = await InProcessEngine.StartAsync(_directory, s => s.AddSqliteAuditLog());
        using var scope = engine.Services.CreateScope();
        var saves = scope.ServiceProvider.GetRequiredService<IAuditedPipelineSaves>();
        var log = engine.Services.GetRequiredService<IAuditLog>();

        // Act
        var created = await saves.SaveAsync(Save(Define("etl", "first"), null, mustBeNew: true, "pipeline.create"),
            CancellationToken.None);
        var taken = await Assert.ThrowsAsync<ConflictException>(() => saves.SaveAsync(
            Save(Define("etl", "second"), null, mustBeNew: true, "pipeline.create"), CancellationToken.None).AsTask());
        var updated = await saves.SaveAsync(Save(Define("etl", "third"), 1, mustBeNew: false, "pipeline.update"),
            CancellationToken.None);
        await Assert.ThrowsAsync<VersionConflictException>(() => saves.SaveAsync(
            Save(Define("etl", "fourth"), 1, mustBeNew: false, "pipeline.update"), CancellationToken.None).AsTask());

        // Assert
        Assert.Equal((1, 2), (created.Version, updated.Version));
        Assert.Contains("'etl' already exists", taken.Message, StringComparison.Ordinal);
        Assert.Equal([2L], await SqliteFile.QueryLongsAsync(DatabasePath,
            "SELECT count(*) FROM pipelines WHERE pipeline_id = 'etl';"));
        var entries = await log.ListAsync(null, 10, CancellationToken.None);
        Assert.Equal(
        [
            new AuditEntry(Noon, "erin", "pipeline.update", "etl", "version 2", "data-eng"),
            new AuditEntry(Noon, "erin", "pipeline.create", "etl", "version 1", "data-eng"),
        ], entries);
    }

    [Fact]
    public async Task A_failing_extra_write_undoes_the_version_and_a_deleted_id_can_be_created_again()
    {
        // Arrange
        await using var engine = await InProcessEngine.StartAsync(_directory, configure: null);
        var workflow = engine.Services.GetRequiredService<WorkflowEngineService>();
        var failing = new PipelineSaveOptions(MustBeNew: true,
            (_, _, _) => throw new InvalidOperationException("the extra row cannot be written"));
        await workflow.UpsertPipelineAsync(Define("gone", "first"), null, "erin", CancellationToken.None);
        await workflow.DeletePipelineAsync("gone", null, "erin", CancellationToken.None);

        // Act
        await Assert.ThrowsAsync<InvalidOperationException>(() => workflow.UpsertPipelineAsync(Define("kept-out", "x"),
            null, "erin", failing, CancellationToken.None).AsTask());
        var again = await workflow.UpsertPipelineAsync(Define("gone", "second"), null, "erin",
            new PipelineSaveOptions(MustBeNew: true, AlsoWrite: null), CancellationToken.None);

        // Assert
        Assert.Null(await workflow.GetPipelineAsync("kept-out", null, CancellationToken.None));
        Assert.Equal(2, again.Version);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the OS cleans its temp folder.
        }
    }

    private static PipelineSave Save(PipelineDefinition definition, int? expected, bool mustBeNew, string action) =>
        new(definition, expected, mustBeNew, "erin", action, Noon);

    private static PipelineDefinition Define(string id, string description) => PipelineJson.Parse($$$"""
        {"id":"{{{id}}}","ownerGroup":"data-eng","description":"{{{description}}}",
         "tasks":[{"id":"wait","kind":"delay","config":{"duration":"1s"}}]}
        """);
}
