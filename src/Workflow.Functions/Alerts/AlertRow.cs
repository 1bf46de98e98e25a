using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.Alerting;
using Workflow.Services;
using Workflow.Sla;

namespace Workflow.Functions.Alerts;

/// <summary>
/// An alert as a table entity. The partition is the owner group, so a member's list reads only their groups'
/// partitions; the row key is the alert id, escaped (ids hold <c>/</c> and <c>#</c>, which keys may not).
/// <see cref="Acked"/> and <see cref="Cleared"/> exist because table filters cannot test for null.
/// </summary>
public sealed class AlertRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AlertId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string PipelineId { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public int RaiseCount { get; set; }
    public bool Cleared { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }
    public string? ClearReason { get; set; }

    /// <summary>The kind name of the worse alert that cleared this one; null when it resolved.</summary>
    public string? SupersededBy { get; set; }
    public bool Acked { get; set; }
    public DateTimeOffset? AckedAt { get; set; }
    public string? AckedBy { get; set; }

    /// <summary>The alert as JSON (<see cref="AlertJson"/>).</summary>
    public string Body { get; set; } = "";

    /// <summary>The <see cref="ReceiverDelivery"/> list as JSON.</summary>
    public string Deliveries { get; set; } = "[]";

    public static string Key(string value) => Uri.EscapeDataString(value);

    public static AlertRow New(Alert alert) => new AlertRow
    {
        PartitionKey = Key(alert.OwnerGroup),
        RowKey = Key(alert.Id),
        AlertId = alert.Id,
        Kind = AlertIds.Name(alert.Kind),
        PipelineId = alert.PipelineId,
    }.With(alert);

    /// <summary>Takes the alert's current text and figures.</summary>
    public AlertRow With(Alert alert)
    {
        Message = alert.Message;
        RaisedAt = alert.RaisedAt;
        Body = JsonSerializer.Serialize(alert, AlertJson.Options);
        return this;
    }

    public Alert Alert() => JsonSerializer.Deserialize<Alert>(Body, AlertJson.Options)!;

    public List<ReceiverDelivery> ReadDeliveries() =>
        JsonSerializer.Deserialize<List<ReceiverDelivery>>(Deliveries, AlertJson.Options) ?? [];

    public void WriteDeliveries(IEnumerable<ReceiverDelivery> deliveries) =>
        Deliveries = JsonSerializer.Serialize(deliveries.ToList(), AlertJson.Options);

    /// <summary>Adds one pending delivery per receiver for a raise or clear; those it already has stay as they are.</summary>
    public IReadOnlyList<ReceiverDelivery> AddDeliveries(string @event, IEnumerable<string> receivers)
    {
        var deliveries = ReadDeliveries();
        var added = receivers.Where(url => !deliveries.Any(d => d.Is(@event, url)))
            .Select(url => new ReceiverDelivery(@event, url)).ToList();
        WriteDeliveries(deliveries.Concat(added));
        return added;
    }

    public AlertRecord ToRecord()
    {
        var deliveries = ReadDeliveries();
        var open = deliveries.Where(d => d.State != ReceiverState.Delivered).ToList();
        var summary = AlertDelivery.Summarize(deliveries.Select(d => d.Url).Distinct(StringComparer.Ordinal).Count(),
            deliveries.Count, open.Count(d => d.State == ReceiverState.Pending),
            open.Count(d => d.State == ReceiverState.Failed), deliveries.Sum(d => d.Attempts),
            open.Select(d => d.LastError).FirstOrDefault(e => e is not null));
        return new AlertRecord(Alert(), ClearedAt, ClearReason, AckedAt, AckedBy, RaiseCount, summary)
        {
            SupersededBy = AlertIds.KindNamed(SupersededBy),
        };
    }
}
