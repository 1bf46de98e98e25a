using System.Text.Json.Serialization;
using Workflow.Sla;

namespace Workflow.Services;

/// <summary>A stored alert: what was raised, whether it cleared or was acknowledged, and how delivery went.</summary>
public sealed record AlertRecord(
    Alert Alert,
    DateTimeOffset? ClearedAt,
    string? ClearReason,
    DateTimeOffset? AckedAt,
    string? AckedBy,
    int RaiseCount,
    AlertDelivery Delivery);

/// <summary>The webhook deliveries of an alert, summed up.</summary>
public sealed record AlertDelivery(DeliveryStatus Status, int Webhooks, int Pending, int Attempts, string? LastError);

public enum DeliveryStatus
{
    /// <summary>No webhook is configured: the alert went to the log and the metrics only.</summary>
    [JsonStringEnumMemberName("none")] None,

    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>At least one attempt failed; the alert is kept and delivery is retried with backoff.</summary>
    [JsonStringEnumMemberName("retrying")] Retrying,

    [JsonStringEnumMemberName("delivered")] Delivered,
}

/// <summary>Filters of the alert list. <see cref="OwnerGroups"/> null means every group (admins).</summary>
public sealed record AlertQuery(
    AlertListStatus Status = AlertListStatus.All,
    string? PipelineId = null,
    AlertKind? Kind = null,
    IReadOnlyCollection<string>? OwnerGroups = null,
    int Limit = 200);

public enum AlertListStatus
{
    /// <summary>Not acknowledged and not cleared.</summary>
    Open,

    Acked,
    Cleared,
    All,
}

/// <summary>What raising did: a new alert, one that came back after clearing, or a repeat of an open one.</summary>
public enum RaiseOutcome
{
    New,
    Reopened,
    AlreadyOpen,
}

/// <summary>One webhook delivery that is due.</summary>
public sealed record PendingDelivery(string AlertId, string Event, string Url, int Attempts, string Payload);
