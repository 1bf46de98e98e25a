using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>
/// What one scheduler tick starts, given the occurrences in <c>(watermark, now]</c>. An occurrence within
/// <c>grace</c> of now is on time and always starts; older ones were missed (the host was down or a tick was
/// late), and the policy decides: <see cref="CatchUpMode.None"/> drops them, <see cref="CatchUpMode.Latest"/>
/// starts only the newest one when nothing is on time, <see cref="CatchUpMode.All"/> starts the newest
/// <see cref="CatchUpPolicy.MaxRuns"/> of them, oldest first, and drops the older rest: a total bound over the
/// missed span, so an outage of a month does not start a month of runs. The watermark always moves to now.
/// A pure function: the tick supplies the clock.
/// </summary>
public static class CatchUp
{
    public static CatchUpDecision Apply(IEnumerable<DateTimeOffset> occurrences, DateTimeOffset now,
        CatchUpPolicy policy, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        ArgumentNullException.ThrowIfNull(policy);
        var onTimeAfter = now - grace;
        var keep = policy.Mode switch
        {
            CatchUpMode.All => Math.Max(1, policy.MaxRuns),
            CatchUpMode.Latest => 1,
            _ => 0,
        };

        // The newest `keep` missed occurrences, in a window that slides as older ones are dropped.
        var missed = new Queue<DateTimeOffset>();
        var onTime = new List<DateTimeOffset>();
        var dropped = 0;
        foreach (var occurrence in occurrences)
        {
            if (occurrence > now)
            {
                break;
            }

            if (occurrence > onTimeAfter)
            {
                onTime.Add(occurrence);
                continue;
            }

            missed.Enqueue(occurrence);
            if (missed.Count > keep)
            {
                missed.Dequeue();
                dropped++;
            }
        }

        if (policy.Mode == CatchUpMode.Latest && onTime.Count > 0)
        {
            // Latest catches up only when nothing is on time: the on-time run is the latest.
            dropped += missed.Count;
            missed.Clear();
        }

        var beyondBound = policy.Mode == CatchUpMode.All ? dropped : 0;
        return new CatchUpDecision([.. missed, .. onTime], dropped, now, beyondBound);
    }
}

/// <summary>
/// The runs a tick starts (oldest first), how many missed occurrences it dropped, and the new watermark (the
/// tick's now). <see cref="DroppedOverBound"/> counts the occurrences <see cref="CatchUpMode.All"/> dropped
/// because they were older than its newest <see cref="CatchUpPolicy.MaxRuns"/>; the tick logs them as a warning.
/// </summary>
public sealed record CatchUpDecision(IReadOnlyList<DateTimeOffset> Start, int Skipped, DateTimeOffset Watermark,
    int DroppedOverBound = 0);
