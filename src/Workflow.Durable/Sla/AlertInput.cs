using Workflow.Sla;

namespace Workflow.Durable.Sla;

/// <summary>
/// The input of the <see cref="OrchestrationNames.PublishAlertActivity"/> activity: an alert raised (or raised
/// again, which updates it), or the id of one that cleared, with its reason and the worse alert that superseded it
/// (<see cref="ClearAlert.SupersededBy"/>).
/// </summary>
public sealed record AlertInput(Alert? Raised = null, string? ClearedId = null, DateTimeOffset? ClearedAt = null,
    string? Reason = null, AlertKind? SupersededBy = null)
{
    /// <summary>The input that publishes a monitor's clear.</summary>
    public static AlertInput Of(ClearAlert clear)
    {
        ArgumentNullException.ThrowIfNull(clear);
        return new(ClearedId: clear.AlertId, ClearedAt: clear.At, Reason: clear.Reason,
            SupersededBy: clear.SupersededBy);
    }
}
