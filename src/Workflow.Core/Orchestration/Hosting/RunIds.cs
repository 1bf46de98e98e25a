using System.Globalization;

namespace Workflow.Orchestration.Hosting;

/// <summary>
/// Run ids the Azure host makes: a manual run is <c>{pipelineId}@manual-{UTC instant, sortable}-{8 hex}</c>, so
/// ids sort by time and two starts in the same millisecond still differ. Scheduled runs get their ids from the
/// scheduler, which derives them from the occurrence so that a second start is a no-op.
/// </summary>
public static class RunIds
{
    public static string Manual(string pipelineId, DateTimeOffset now, Guid unique)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipelineId);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        return $"{pipelineId}@manual-{stamp}-{unique.ToString("N", CultureInfo.InvariantCulture)[..8]}";
    }
}
