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

    /// <summary>
    /// Whether <paramref name="earlier"/> happened before <paramref name="later"/>, of the events of one alert:
    /// <c>raised#1</c>, <c>cleared#1</c>, <c>raised#2</c>, ... A receiver hears an alert's events in this order, so a
    /// later event waits while an earlier one to the same receiver is not delivered: a clear that overtook its raise
    /// (the raise waiting out a receiver's outage) would leave the alert open for whoever tracks it by id.
    /// </summary>
    public static bool Precedes(string earlier, string later) => Sequence(earlier) < Sequence(later);

    private static long Sequence(string eventId)
    {
        var hash = eventId.LastIndexOf('#');
        var count = hash >= 0 && long.TryParse(eventId.AsSpan(hash + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        return count * 2 + (eventId.StartsWith(Cleared + "#", StringComparison.Ordinal) ? 1 : 0);
    }

    /// <summary>
    /// The body of a raise, or of a clear with its reason. A clear <paramref name="supersededBy"/> a worse alert (the
    /// deadline was missed after all, the task failed for good) reads as superseded by that kind, never as resolved:
    /// the receiver must not take the problem for fixed.
    /// </summary>
    public static string Build(Alert alert, string @event, string? clearReason = null, AlertKind? supersededBy = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var cleared = supersededBy is { } worse ? $"⏭️ superseded by {AlertIds.Name(worse)}" : "✅ resolved";
        var icon = @event == Cleared ? cleared : alert.Severity switch
        {
            AlertSeverity.Critical => "🔴 critical",
            AlertSeverity.Error => "🟠 error",
            AlertSeverity.Warning => "🟡 warning",
            _ => "ℹ️ info",
        };
        // A clear's reason ("Task load finished (succeeded) after 12s.") does not say which run it is about, as the
        // raise's message does: without the run, a channel that hears about several runs cannot tell which one.
        var text = @event == Cleared
            ? $"{icon} [{AlertIds.Name(alert.Kind)}] {alert.PipelineId}" +
              (alert.RunId is { } run ? $", run {run}: " : ": ") + (clearReason ?? alert.Message)
            : $"{icon} [{AlertIds.Name(alert.Kind)}] {alert.PipelineId}: {alert.Message}";
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

        if (@event == Cleared && supersededBy is { } kind)
        {
            body["supersededBy"] = AlertIds.Name(kind);
        }

        return body.ToJsonString(AlertJson.Options);
    }
}
