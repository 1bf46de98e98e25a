using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Api.Contracts;

/// <summary>
/// One alert as <c>GET /api/alerts</c> answers it, with its delivery status. <see cref="SupersededBy"/> is the kind
/// of the worse alert that cleared it; null when it resolved (see <see cref="AlertRecord.SupersededBy"/>).
/// </summary>
public sealed record AlertSummary(
    string Id,
    AlertKind Kind,
    AlertSeverity Severity,
    string PipelineId,
    string OwnerGroup,
    string? RunId,
    string? TaskKey,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ClearedAt,
    string? ClearReason,
    AlertKind? SupersededBy,
    DateTimeOffset? AckedAt,
    string? AckedBy,
    DateTimeOffset? Deadline,
    DateTimeOffset? PredictedFinish,
    AlertDelivery Delivery)
{
    public static AlertSummary From(AlertRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var a = record.Alert;
        return new(a.Id, a.Kind, a.Severity, a.PipelineId, a.OwnerGroup, a.RunId, a.TaskKey, a.Message, a.RaisedAt,
            record.ClearedAt, record.ClearReason, record.SupersededBy, record.AckedAt, record.AckedBy, a.Deadline, a.PredictedFinish,
            record.Delivery);
    }
}
