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
    AlertDelivery Delivery)
{
    /// <summary>
    /// For a cleared alert, the worse alert that replaced it (deadline-missed for deadline-at-risk, task-failed or
    /// run-failed for task-retrying); null when it resolved, or is not cleared.
    /// </summary>
    public AlertKind? SupersededBy { get; init; }
}

/// <summary>The webhook deliveries of an alert, summed up.</summary>
public sealed record AlertDelivery(DeliveryStatus Status, int Webhooks, int Pending, int Attempts, string? LastError)
{
    /// <summary>
    /// The summary both hosts answer: none without deliveries; retrying (with an error) or pending while any is
    /// still to be sent; failed when one was given up; delivered when all arrived.
    /// </summary>
    /// <param name="webhooks">The distinct receivers the alert went to.</param>
    /// <param name="deliveries">The deliveries (one per receiver per raise or clear).</param>
    /// <param name="pending">Deliveries still to be sent.</param>
    /// <param name="failed">Deliveries given up after their last attempt.</param>
    /// <param name="attempts">Attempts over all deliveries.</param>
    /// <param name="lastError">An error of a delivery that did not arrive, if any.</param>
    public static AlertDelivery Summarize(int webhooks, int deliveries, int pending, int failed, int attempts,
        string? lastError)
    {
        var status = deliveries == 0 ? DeliveryStatus.None
            : pending > 0 ? (lastError is null ? DeliveryStatus.Pending : DeliveryStatus.Retrying)
            : failed > 0 ? DeliveryStatus.Failed
            : DeliveryStatus.Delivered;
        return new AlertDelivery(status, webhooks, pending, attempts, lastError);
    }
}

public enum DeliveryStatus
{
    /// <summary>No webhook is configured: the alert went to the log and the metrics only.</summary>
    [JsonStringEnumMemberName("none")] None,

    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>At least one attempt failed; the alert is kept and delivery is retried with backoff.</summary>
    [JsonStringEnumMemberName("retrying")] Retrying,

    [JsonStringEnumMemberName("delivered")] Delivered,

    /// <summary>
    /// A delivery was given up after its last attempt (the Azure app's queue stops at a maximum; the embedded host
    /// keeps retrying).
    /// </summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// Filters of the alert list. <see cref="OwnerGroups"/> null means every group (admins). <see cref="RunId"/> keeps
/// the alerts of that one run (not of its child runs, which have ids of their own).
/// </summary>
public sealed record AlertQuery(
    AlertListStatus Status = AlertListStatus.All,
    string? PipelineId = null,
    AlertKind? Kind = null,
    IReadOnlyCollection<string>? OwnerGroups = null,
    int Limit = 200,
    string? RunId = null);

public enum AlertListStatus
{
    /// <summary>Not acknowledged and not cleared.</summary>
    Open,

    Acked,
    Cleared,

    /// <summary>Not cleared, acknowledged or not: what is still going on.</summary>
    Active,
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
