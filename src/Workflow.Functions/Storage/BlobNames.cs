using System.Globalization;
using System.Text;

namespace Workflow.Functions.Storage;

/// <summary>
/// Where the Azure host keeps things in Blob storage. Definitions: <c>{pipeline}/current.json</c> (the head, whose
/// ETag guards concurrent edits) and <c>{pipeline}/versions/{000001}.json</c>. Logs and attempt records:
/// <c>{run}/{task}/{attempt}.log</c> and <c>.json</c> in the logs container, which the lifecycle rule expires.
/// Ids are path-escaped so that a task key like <c>load[3]</c> or a run id with <c>/</c> stays one segment.
/// </summary>
public static class BlobNames
{
    public static string Head(string pipelineId) => $"{Segment(pipelineId)}/current.json";

    public static string Version(string pipelineId, int version) =>
        $"{Segment(pipelineId)}/versions/{version.ToString("D6", CultureInfo.InvariantCulture)}.json";

    public static string VersionsPrefix(string pipelineId) => $"{Segment(pipelineId)}/versions/";

    /// <summary>
    /// The version a version blob's file name (<c>000007.json</c>, after <see cref="VersionsPrefix"/>) names, else
    /// null.
    /// </summary>
    public static int? VersionOfFile(ReadOnlySpan<char> file) =>
        file.EndsWith(".json", StringComparison.Ordinal)
        && int.TryParse(file[..^".json".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    /// <summary>
    /// A schedule's watermark. Not <c>.json</c>: a pipeline may be called <c>_schedule</c>, and its head and
    /// versions must not pass for watermarks (nor a watermark for a head).
    /// </summary>
    public static string Watermark(string pipelineId, string scheduleKey) =>
        $"{WatermarksPrefix}{Segment(pipelineId)}/{Segment(scheduleKey)}{WatermarkSuffix}";

    public const string WatermarksPrefix = "_schedule/";

    public const string WatermarkSuffix = ".watermark";

    /// <summary>The <see cref="DurationSamples"/> of one task; not <c>.json</c>, so no listing of heads or versions sees it.</summary>
    public static string Durations(string pipelineId, string taskId) =>
        $"{DurationsPrefix(pipelineId)}{Segment(taskId)}{DurationsSuffix}";

    public static string DurationsPrefix(string pipelineId) => $"{DurationsRoot}{Segment(pipelineId)}/";

    public const string DurationsRoot = "_durations/";

    public const string DurationsSuffix = ".durations";

    /// <summary>The backlog monitor's state of one queue a pipeline drains; not <c>.json</c>, as for watermarks.</summary>
    public static string Backlog(string pipelineId, string queue) =>
        $"_backlog/{Segment(pipelineId)}/{Segment(queue)}.backlog";

    /// <summary>
    /// The mark that a pipeline drains a queue (<see cref="BlobMarks.Drains"/>); not <c>.json</c>, so no listing of
    /// heads or versions sees it.
    /// </summary>
    public static string DrainMark(string pipelineId) => $"{DrainMarksPrefix}{Segment(pipelineId)}{DrainMarkSuffix}";

    public const string DrainMarksPrefix = "_drains/";

    public const string DrainMarkSuffix = ".drains";

    /// <summary>
    /// Written once the drain marks of the pipelines saved before them exist; its <c>scanned</c> metadata is the time of
    /// the last listing (<see cref="MarkRescan"/>).
    /// </summary>
    public const string DrainMarksBuilt = "_drains/index.built";

    /// <summary>
    /// The mark that a pipeline's head was deleted while its versions stay (<see cref="BlobMarks.Deletions"/>); not
    /// <c>.json</c>, as for drain marks.
    /// </summary>
    public static string DeletionMark(string pipelineId) =>
        $"{DeletionMarksPrefix}{Segment(pipelineId)}{DeletionMarkSuffix}";

    public const string DeletionMarksPrefix = "_deleted/";

    public const string DeletionMarkSuffix = ".deleted";

    /// <summary>Written once the deletion marks of the pipelines deleted before them exist.</summary>
    public const string DeletionMarksBuilt = "_deleted/index.built";

    public static string AttemptPrefix(string runId) => $"{Segment(runId)}/";

    public static string AttemptLog(string runId, string taskKey, int attempt) =>
        $"{Segment(runId)}/{Segment(taskKey)}/{attempt.ToString(CultureInfo.InvariantCulture)}.log";

    public static string AttemptRecord(string runId, string taskKey, int attempt) =>
        $"{Segment(runId)}/{Segment(taskKey)}/{attempt.ToString(CultureInfo.InvariantCulture)}.json";

    /// <summary>A spilled output; not <c>.json</c>, so listing attempt records skips it.</summary>
    public static string AttemptOutput(string runId, string taskKey, int attempt) =>
        $"{Segment(runId)}/{Segment(taskKey)}/{attempt.ToString(CultureInfo.InvariantCulture)}{OutputSuffix}";

    public const string OutputSuffix = ".output";

    /// <summary>Percent-escapes everything but letters, digits and <c>-._@~</c>, so a segment never holds a slash.</summary>
    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
