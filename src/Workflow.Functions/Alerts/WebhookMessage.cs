using System.Text.Json;
using Workflow.Alerting;

namespace Workflow.Functions.Alerts;

/// <summary>
/// One queue message per receiver per raise or clear: which delivery of which alert (<see cref="Partition"/> and
/// <see cref="AlertId"/> locate its entity), the body to post, and how many attempts the delivery had when the
/// message was sent, so a stale duplicate is recognised and dropped.
/// </summary>
public sealed record WebhookMessage(string Partition, string AlertId, string Event, string Url, string Payload,
    int Attempts = 0)
{
    public string ToJson() => JsonSerializer.Serialize(this, AlertJson.Options);

    public static WebhookMessage FromJson(string json) =>
        JsonSerializer.Deserialize<WebhookMessage>(json, AlertJson.Options)
        ?? throw new JsonException("The webhook queue message is empty.");
}
