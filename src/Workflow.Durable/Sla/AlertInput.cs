using Workflow.Sla;

namespace Workflow.Durable.Sla;

/// <summary>
/// The input of the <see cref="OrchestrationNames.PublishAlertActivity"/> activity: an alert raised (or raised
/// again, which updates it), or the id of one that cleared.
/// </summary>
public sealed record AlertInput(Alert? Raised = null, string? ClearedId = null, DateTimeOffset? ClearedAt = null,
    string? Reason = null);
