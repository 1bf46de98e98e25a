namespace Workflow.Sla.Backlog;

/// <summary>
/// A pure decider over queue samples: raises a queue-backlog alert when the depth or the oldest message's age
/// has been over its limit for <see cref="BacklogThresholds.SustainFor"/>, and clears it once both are back
/// under their clear levels. The alert id is per (pipeline, queue), so re-raising is idempotent.
/// </summary>
public static class QueueBacklogMonitor
{
    public static (BacklogState State, IReadOnlyList<SlaCommand> Commands) Decide(BacklogState state,
        BacklogSubject subject, QueueSample sample)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(sample);
        var t = subject.Thresholds;
        var id = AlertIds.ForQueue(subject.PipelineId, subject.Queue);
        var depthOver = t.MaxDepth is { } maxDepth && sample.Depth > maxDepth;
        var ageOver = t.MaxOldestAge is { } maxAge && sample.OldestAge > maxAge;

        if (depthOver || ageOver)
        {
            var since = state.OverSince ?? sample.At;
            if (state.Open || sample.At - since < t.SustainFor)
            {
                return (state with { OverSince = since }, []);
            }

            return (new BacklogState(true, since), [new RaiseAlert(Raise(subject, sample, id, depthOver, ageOver))]);
        }

        var depthClear = t.MaxDepth is not { } d || sample.Depth <= d * t.ClearFraction;
        var ageClear = t.MaxOldestAge is not { } a || (sample.OldestAge ?? TimeSpan.Zero) <= a * t.ClearFraction;
        if (state.Open && depthClear && ageClear)
        {
            var reason = $"Queue {subject.Queue} recovered: {sample.Depth} messages" +
                         (sample.OldestAge is { } age ? $", oldest {Age(age)}." : ".");
            return (BacklogState.Initial, [new ClearAlert(id, sample.At, reason)]);
        }

        // Between the limit and the clear level: an open alert stays open; a pending one starts over.
        return (state with { OverSince = null }, []);
    }

    private static Alert Raise(BacklogSubject subject, QueueSample sample, string id, bool depthOver, bool ageOver)
    {
        var t = subject.Thresholds;
        var parts = new List<string>();
        if (depthOver)
        {
            parts.Add($"{sample.Depth} messages waiting (limit {t.MaxDepth})");
        }

        if (ageOver && sample.OldestAge is { } age && t.MaxOldestAge is { } maxAge)
        {
            parts.Add($"the oldest has waited {Age(age)} (limit {Age(maxAge)})");
        }

        var message = $"Queue {subject.Queue} of pipeline {subject.PipelineId} is backed up: {string.Join(", ", parts)}.";
        return new Alert(id, AlertKind.QueueBacklog, AlertSeverity.Warning, subject.PipelineId, subject.OwnerGroup,
            null, null, message, sample.At)
        {
            QueueDepth = sample.Depth,
            OldestAge = sample.OldestAge,
            Threshold = t.MaxOldestAge,
        };
    }

    private static string Age(TimeSpan age) =>
        Json.Duration.Format(TimeSpan.FromSeconds(Math.Round(age.TotalSeconds, 0, MidpointRounding.AwayFromZero)));
}
