using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Sla;

namespace Workflow.Alerting;

/// <summary>
/// The webhook body. <c>text</c> is what both Slack and Teams incoming webhooks display; <c>alert</c> carries
/// the structured fields for receivers that parse them.
/// </summary>
public static class WebhookPayload
{
    public const string Raised = "raised";
    public const string Cleared = "cleared";

    /// <summary>
    /// Which raise or clear a delivery belongs to, for example <c>raised#2</c>: each receiver gets each of them once,
    /// and an alert that clears and comes back is sent again.
    /// </summary>
    public static string EventId(string @event, int raiseCount) =>
        $"{@event}#{raiseCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Build(Alert alert, string @event, string? clearReason = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var icon = @event == Cleared ? "✅ resolved" : alert.Severity switch
        {
            AlertSeverity.Critical => "🔴 critical",
            AlertSeverity.Error => "🟠 error",
            AlertSeverity.Warning => "🟡 warning",
            _ => "ℹ️ info",
        };
        var text = $"{icon} [{AlertIds.Name(alert.Kind)}] {alert.PipelineId}: " +
                   (@event == Cleared ? clearReason ?? alert.Message : alert.Message);
        var body = new JsonObject
        {
            ["text"] = text,
            ["event"] = @event,
            ["alert"] = JsonSerializer.SerializeToNode(alert, AlertJson.Options),
        };
        if (clearReason is not null)
        {
            body["clearReason"] = clearReason;
        }

        return body.ToJsonString(AlertJson.Options);
    }
}
