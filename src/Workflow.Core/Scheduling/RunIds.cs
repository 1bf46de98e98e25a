using System.Globalization;
using Workflow.Validation;

namespace Workflow.Scheduling;

/// <summary>
/// Deterministic run ids: a scheduled run is <c>{pipelineId}@{yyyyMMddTHHmmssZ}</c> of its scheduled instant, so
/// starting it twice (overlapping ticks, two hosts) finds the existing run and does nothing; a manual run is
/// <c>{pipelineId}@manual-{sortable unique id}</c> and a rerun <c>{pipelineId}@rerun-{sortable unique id}</c>, in
/// both hosts.
/// </summary>
public static class RunIds
{
    private const string InstantFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string ManualMarker = "manual-";
    private const string RerunMarker = "rerun-";

    /// <summary>The millisecond of the last sortable id this process made, so that the next one is later.</summary>
    private static long _lastSortableMs;

    public static string ForSchedule(string pipelineId, DateTimeOffset scheduledAt) =>
        $"{pipelineId}@{scheduledAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture)}";

    /// <summary>A manual run id; <paramref name="uniqueSortable"/> must follow the id rule (letters, digits, - _ .).</summary>
    public static string Manual(string pipelineId, string uniqueSortable)
    {
        if (!Identifiers.IsValid(uniqueSortable))
        {
            throw new ArgumentException(
                $"'{uniqueSortable}' cannot be part of a run id. {Identifiers.Rule}", nameof(uniqueSortable));
        }

        return $"{pipelineId}@{ManualMarker}{uniqueSortable}";
    }

    /// <summary>
    /// A manual run id that sorts by start time: the UTC time to the millisecond and a random suffix, for example
    /// <c>sales@manual-20260301T020000123Z-9f86d081</c>.
    /// </summary>
    public static string NewManual(string pipelineId, DateTimeOffset now) => Manual(pipelineId, NewSortable(now));

    /// <summary>The id of a rerun, made as a manual run's: <c>sales@rerun-20260301T020000123Z-9f86d081</c>.</summary>
    public static string NewRerun(string pipelineId, DateTimeOffset now) =>
        $"{pipelineId}@{RerunMarker}{NewSortable(now)}";

    /// <summary>
    /// The UTC time to the millisecond, made later than the last one this process made (two ids in one millisecond,
    /// or a clock that steps back, take the next millisecond), so ids from one process never collide and sort in the
    /// order they were made; the random suffix keeps ids from two processes apart.
    /// </summary>
    private static string NewSortable(DateTimeOffset now)
    {
        long ms;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastSortableMs);
            ms = Math.Max(now.UtcTicks / TimeSpan.TicksPerMillisecond, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastSortableMs, ms, last) != last);

        var instant = new DateTime(ms * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        return instant.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" +
               Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a scheduled run id back into its pipeline id and instant.</summary>
    public static bool TryParseScheduled(string runId, out string pipelineId, out DateTimeOffset scheduledAt)
    {
        pipelineId = "";
        scheduledAt = default;
        var at = runId.LastIndexOf('@');
        if (at <= 0 || !DateTime.TryParseExact(runId[(at + 1)..], InstantFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return false;
        }

        pipelineId = runId[..at];
        scheduledAt = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }
}
