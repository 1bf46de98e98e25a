namespace Workflow.Runtime.Scheduling;

/// <summary>A row of the next-due index: a schedule of a pipeline version and when it next fires.</summary>
public sealed record DueSchedule(string PipelineId, string ScheduleKey, int Version, DateTimeOffset NextDue);
