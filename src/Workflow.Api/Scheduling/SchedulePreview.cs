using Workflow.Api.Contracts;
using Workflow.Model;

namespace Workflow.Api.Scheduling;

/// <summary>The coming fire times of a pipeline's enabled schedules, merged in time order.</summary>
public static class SchedulePreview
{
    public static IReadOnlyList<SchedulePreviewItem> Next(PipelineDefinition definition, DateTimeOffset now, int count)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [];
    }

    public static DateTimeOffset? NextFireTime(PipelineDefinition definition, DateTimeOffset now) =>
        Next(definition, now, 1).FirstOrDefault()?.Utc;
}
