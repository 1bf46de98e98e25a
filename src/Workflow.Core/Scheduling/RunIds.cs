using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workflow.Model;
using Workflow.Validation;

namespace Workflow.Scheduling;

/// <summary>
/// Deterministic run ids: a scheduled run is <c>{pipelineId}@{yyyyMMddTHHmmssZ}</c> of its scheduled instant, so
/// starting it twice (overlapping ticks, two hosts) finds the existing run and does nothing. A schedule that passes
/// other parameters than the pipeline's first schedule adds a tag of them (<c>@20260302T010000Z-1f2e3d4c</c>): two
/// schedules that fire at the same instant with different parameters start a run each, and schedules with the same
/// parameters (or none) one. A pipeline's first schedule, and so every single-schedule pipeline, keeps the plain id
/// that builds before the tag gave its runs. A manual run is
/// <c>{pipelineId}@manual-{sortable unique id}</c> and a rerun <c>{pipelineId}@rerun-{sortable unique id}</c>, in
/// both hosts.
/// </summary>
public static class RunIds
{
    private const string InstantFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const int InstantLength = 16;
    private const string ManualMarker = "manual-";
    private const string RerunMarker = "rerun-";

    /// <summary>The millisecond of the last sortable id this process made, so that the next one is later.</summary>
    private static long _lastSortableMs;

    private const int TagLength = 8;

    /// <summary>The id of a scheduled run; <paramref name="tag"/> is the schedule's (<see cref="ScheduleTag"/>).</summary>
    public static string ForSchedule(string pipelineId, DateTimeOffset scheduledAt, string? tag = null)
    {
        var id = $"{pipelineId}@{scheduledAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture)}";
        return tag is null ? id : $"{id}-{tag}";
    }

    /// <summary>
    /// The run <paramref name="schedule"/> of <paramref name="pipeline"/> starts at <paramref name="scheduledAt"/>.
    /// A caller that makes the ids of many occurrences takes the <see cref="ScheduleTag"/> once instead.
    /// </summary>
    public static string ForSchedule(PipelineDefinition pipeline, ScheduleDefinition schedule,
        DateTimeOffset scheduledAt) =>
        ForSchedule(pipeline.Id, scheduledAt, ScheduleTag(pipeline, schedule));

    /// <summary>
    /// The tag of <paramref name="schedule"/>'s run ids: none when it passes the same parameters as the pipeline's
    /// first schedule (absent, null and an empty object are the same), else the first hex digits of a hash of its
    /// parameters' canonical form (properties in ordinal order, no spaces), so the order they were written in does
    /// not matter. It depends on the schedule only, not on the instant.
    /// </summary>
    public static string? ScheduleTag(PipelineDefinition pipeline, ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(schedule);
        var own = Canonical(schedule.Parameters);
        var first = pipeline.Schedules.Count == 0 ? "" : Canonical(pipeline.Schedules[0].Parameters);
        return own == first ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(own)))[..TagLength];
    }

    /// <summary>Parameters in canonical JSON; empty for none (absent, null or an empty object).</summary>
    private static string Canonical(JsonElement? parameters)
    {
        if (parameters is not { } p || p.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ||
            (p.ValueKind == JsonValueKind.Object && !p.EnumerateObject().Any()))
        {
            return "";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, p);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

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

    /// <summary>Reads a scheduled run id (with or without its parameters' tag) back into its pipeline id and instant.</summary>
    public static bool TryParseScheduled(string runId, out string pipelineId, out DateTimeOffset scheduledAt)
    {
        pipelineId = "";
        scheduledAt = default;
        var at = runId.LastIndexOf('@');
        var instant = at <= 0 ? "" : runId[(at + 1)..];
        var tagged = instant.Length == InstantLength + 1 + TagLength && instant[InstantLength] == '-' &&
                     instant[(InstantLength + 1)..].All(char.IsAsciiHexDigitLower);
        if ((instant.Length != InstantLength && !tagged) ||
            !DateTime.TryParseExact(instant[..Math.Min(instant.Length, InstantLength)], InstantFormat,
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                out var utc))
        {
            return false;
        }

        pipelineId = runId[..at];
        scheduledAt = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }
}
