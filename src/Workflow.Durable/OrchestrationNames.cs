namespace Workflow.Durable;

/// <summary>
/// Function and event names shared by the loops and the Functions app, so that a rename cannot split them.
/// </summary>
public static class OrchestrationNames
{
    /// <summary>The orchestrator that drives one run; its instance id is <see cref="InstanceIds.For"/> of the run id.</summary>
    public const string PipelineRun = "PipelineRun";

    /// <summary>The orchestrator that watches one run's SLA; its instance id is <see cref="SlaInstanceId"/>.</summary>
    public const string SlaMonitor = "SlaMonitor";

    /// <summary>The activity that runs one attempt of a task through the task handlers.</summary>
    public const string RunTaskActivity = "RunTask";

    /// <summary>The activity that loads and pins the definition for a run that was asked for by id only.</summary>
    public const string ResolveRunActivity = "ResolveRun";

    /// <summary>The activity that starts a run's SLA monitor as an orchestration of its own.</summary>
    public const string StartSlaMonitorActivity = "StartSlaMonitor";

    /// <summary>The activity that hands a run notification to the alert sinks.</summary>
    public const string PublishNotificationActivity = "PublishNotification";

    /// <summary>The activity that hands an SLA alert (raised or cleared) to the alert sinks.</summary>
    public const string PublishAlertActivity = "PublishAlert";

    /// <summary>The external event that asks a run (or one of its tasks) to cancel.</summary>
    public const string CancelEvent = "cancel";

    /// <summary>The external event through which a run tells its SLA monitor what happened.</summary>
    public const string SlaEvent = "sla-event";

    /// <summary>The Durable instance id of a run's SLA monitor.</summary>
    public static string SlaInstanceId(string runId) => InstanceIds.For(runId + "!sla");
}
