using Workflow.Contracts;
using Workflow.Services;
using BackfillProgress = Workflow.Contracts.BackfillProgress;

namespace Workflow.Api.Contracts;

/// <summary>
/// The one place where a backfill becomes the record its start, its resource and its status URI answer.
/// </summary>
public static class BackfillMappings
{
    public static BackfillAccepted ToContract(this BackfillRecord record, string statusUri)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new BackfillAccepted(record.BackfillId, record.PipelineId, record.Schedule, record.From, record.To,
            record.MaxActiveRuns, record.CreatedAt, record.CreatedBy, record.Progress.ToContract(), statusUri);
    }

    public static BackfillProgress ToContract(this Workflow.Services.BackfillProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new BackfillProgress(p.Total, p.Started, p.Existing, p.Skipped, p.Waiting, p.Succeeded, p.Failed,
            p.Running, p.Done);
    }
}
