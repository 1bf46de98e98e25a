namespace Workflow.Security;

/// <summary>Everything the API lets a caller do to a group's things; <see cref="AccessPolicy"/> decides each.</summary>
public enum AccessAction
{
    /// <summary>Read a pipeline, its versions, schedule preview, runs, attempts, logs, alerts and audit entries.</summary>
    Read,

    /// <summary>Start a run by hand.</summary>
    Trigger,

    Cancel,

    /// <summary>Suspend a running run, or resume a suspended one.</summary>
    Suspend,

    /// <summary>Start a new run of the failed part of a finished run.</summary>
    Rerun,

    AcknowledgeAlert,

    /// <summary>Add messages to one of the group's queues (<c>POST /api/queues/{group}/{queue}/messages</c>).</summary>
    Enqueue,

    /// <summary>Create a pipeline owned by the group.</summary>
    Create,

    Update,

    /// <summary>Turn a pipeline's schedules on or off.</summary>
    Enable,

    Delete,

    /// <summary>Set, replace or delete one of the group's secrets (reading their names and metadata is <see cref="Read"/>).</summary>
    ManageSecrets,
}
