using Workflow.Model;

namespace Workflow.Scheduling;

/// <summary>
/// What one scheduler tick starts, given the occurrences in <c>(watermark, now]</c>. An occurrence within
/// <c>grace</c> of now is on time and always starts; older ones were missed (the host was down or a tick was
/// late), and the policy decides: <see cref="CatchUpMode.None"/> drops them, <see cref="CatchUpMode.Latest"/>
/// starts only the newest one when nothing is on time, <see cref="CatchUpMode.All"/> starts them oldest first,
/// at most <see cref="CatchUpPolicy.MaxRuns"/> per tick, and holds the watermark back so the next tick goes on.
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
        var missed = new List<DateTimeOffset>();
        var onTime = new List<DateTimeOffset>();
        var skipped = 0;
        DateTimeOffset? latestMissed = null;
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

            switch (policy.Mode)
            {
                case CatchUpMode.All when missed.Count < Math.Max(1, policy.MaxRuns):
                    missed.Add(occurrence);
                    break;
                case CatchUpMode.All:
                    // The rest waits for the next tick: stop here and keep the watermark at the last start.
                    return new CatchUpDecision(missed, 0, missed[^1]);
                case CatchUpMode.Latest:
                    if (latestMissed is not null)
                    {
                        skipped++;
                    }

                    latestMissed = occurrence;
                    break;
                default:
                    skipped++;
                    break;
            }
        }

        if (latestMissed is { } latest)
        {
            if (onTime.Count == 0)
            {
                missed.Add(latest);
            }
            else
            {
                skipped++;
            }
        }

        return new CatchUpDecision([.. missed, .. onTime], skipped, now);
    }
}

/// <summary>
/// The runs a tick starts (oldest first), how many missed occurrences it dropped, and the new watermark: the
/// tick's now, or the last started occurrence when <see cref="CatchUpMode.All"/> left a backlog.
/// </summary>
public sealed record CatchUpDecision(IReadOnlyList<DateTimeOffset> Start, int Skipped, DateTimeOffset Watermark);
