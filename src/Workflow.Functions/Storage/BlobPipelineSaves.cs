using Workflow.Api.Audit;
using Workflow.Services;

namespace Workflow.Functions.Storage;

/// <summary>
/// The Azure app's audited saves: the version and its audit line durable as a pair, through an intent written before
/// the version (<see cref="BlobAuditIntents"/>), which a later read of the audit trail completes when the process
/// stopped between the writes. A create of a stored id is refused by the catalogue itself, in the one wording of
/// <see cref="PipelineIdTaken"/>; a create of an id a pipeline source generates is refused here.
/// </summary>
public sealed class BlobPipelineSaves(BlobPipelineCatalog catalog, BlobAuditLog audit) : IAuditedPipelineSaves
{
    public async ValueTask<PipelineRecord> SaveAsync(PipelineSave save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        var id = save.Definition.Id;
        if (save.MustBeNew && await catalog.GetAsync(id, null, cancellationToken) is { IsDynamic: true })
        {
            throw PipelineIdTaken.Refusal(id, generated: true);
        }

        string? intent = null;
        PipelineRecord record;
        try
        {
            record = await catalog.UpsertAsync(save.Definition, save.ExpectedVersion, save.Actor,
                async (planned, ct) => intent = await audit.Intents.WriteAsync(save.EntryFor(planned), planned, ct),
                cancellationToken);
        }
        catch (ServiceException) when (intent is not null)
        {
            // Refused after the intent was written (another save moved the head first): nothing was stored.
            await audit.Intents.DeleteAsync(intent, CancellationToken.None);
            throw;
        }

        if (save.ChangedNothing(record))
        {
            return record; // The catalogue wrote nothing, so no intent either.
        }

        await audit.AppendAsync(save.EntryFor(record), cancellationToken);
        await audit.Intents.DeleteAsync(intent!, cancellationToken);
        return record;
    }
}
