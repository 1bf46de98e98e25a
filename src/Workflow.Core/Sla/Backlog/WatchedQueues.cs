using System.Text.Json;
using Workflow.Json;
using Workflow.Model;
using Workflow.Queues;

namespace Workflow.Sla.Backlog;

/// <summary>
/// The queues a pipeline's queue-drain tasks drain, with the backlog limits each is watched against: a task's
/// queue is <c>{owner group}/{config.queue}</c>, as the drain reads it, and its config may set its own limits
/// (<c>{"queue": "orders", "maxDepth": 500, "maxOldestAge": "10m"}</c>); otherwise the host's defaults apply.
/// A disabled pipeline's queues are not watched (<see cref="Drains"/>).
/// </summary>
public static class WatchedQueues
{
    /// <summary>Whether a backlog poll watches this pipeline: it is enabled and drains at least one queue. Both hosts
    /// keep an index of the stored pipelines this holds for, written when a pipeline is saved.</summary>
    public static bool Drains(PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Enabled && Of(definition, BacklogThresholds.Default).Any();
    }

    public static IEnumerable<(QueueAddress Queue, BacklogThresholds Thresholds)> Of(PipelineDefinition definition,
        BacklogThresholds defaults)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var task in definition.Tasks)
        {
            if (task.Kind != "queue-drain" || task.Config is not { ValueKind: JsonValueKind.Object } config ||
                !config.TryGetProperty("queue", out var q) || q.ValueKind != JsonValueKind.String ||
                QueueAddress.Check(definition.OwnerGroup, q.GetString()) is not null)
            {
                continue;
            }

            var thresholds = defaults;
            if (config.TryGetProperty("maxDepth", out var depth) && depth.TryGetInt64(out var maxDepth))
            {
                thresholds = thresholds with { MaxDepth = maxDepth };
            }

            if (config.TryGetProperty("maxOldestAge", out var age) && age.ValueKind == JsonValueKind.String &&
                Duration.TryParse(age.GetString()!, out var maxAge))
            {
                thresholds = thresholds with { MaxOldestAge = maxAge };
            }

            yield return (QueueAddress.Create(definition.OwnerGroup, q.GetString()!), thresholds);
        }
    }
}
