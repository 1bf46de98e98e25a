namespace Workflow.Api.Audit;

/// <summary>The action names written to the audit log; stable, since people filter on them.</summary>
public static class AuditActions
{
    public const string PipelineCreated = "pipeline.create";
    public const string PipelineUpdated = "pipeline.update";
    public const string PipelineDeleted = "pipeline.delete";
    public const string PipelineEnabled = "pipeline.enable";
    public const string PipelineDisabled = "pipeline.disable";
    public const string RunTriggered = "run.trigger";
    public const string RunCancelled = "run.cancel";
    public const string RunRerun = "run.rerun";
    public const string RunSuspended = "run.suspend";
    public const string RunResumed = "run.resume";
    public const string BackfillStarted = "backfill.start";
}
