using System.Text.Json.Serialization;

namespace Workflow.Functions.Alerts;

/// <summary>
/// One webhook delivery of an alert, kept in the alert's table entity: which raise or clear (<see cref="Event"/>,
/// from <c>WebhookPayload.EventId</c>) goes to which receiver, and how far it got. <see cref="ClaimedUntil"/> is
/// set while one handler posts it, so a duplicate queue message cannot post it at the same time.
/// </summary>
public sealed record ReceiverDelivery(string Event, string Url)
{
    public ReceiverState State { get; init; } = ReceiverState.Pending;
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? ClaimedUntil { get; init; }

    public bool Is(string @event, string url) => Event == @event && Url == url;
}

public enum ReceiverState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("delivered")] Delivered,

    /// <summary>Given up after the last attempt (<see cref="AlertsOptions.MaxAttempts"/>).</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}
