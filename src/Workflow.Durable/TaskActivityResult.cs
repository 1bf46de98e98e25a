using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Durable;

/// <summary>
/// What one attempt came to. The activity returns failures as data rather than throwing, so the error kind
/// survives the trip through the task hub; an activity that throws anyway becomes a <see cref="ErrorKinds.Handler"/>
/// failure. A suspended attempt (for example an HTTP task polling a 202) sets <see cref="ResumeAt"/>: the loop waits
/// on a durable timer, holding no worker, and runs the activity again with <see cref="ResumeState"/>.
/// </summary>
public sealed record TaskActivityResult(bool Succeeded, JsonElement? Output = null, string? ErrorKind = null,
    string? Message = null, long LogBytes = 0, DateTimeOffset? ResumeAt = null, JsonElement? ResumeState = null)
{
    public static TaskActivityResult Suspended(DateTimeOffset resumeAt, JsonElement state) =>
        new(false, ResumeAt: resumeAt, ResumeState: state);

    public static TaskActivityResult Success(JsonElement? output, long logBytes = 0) => new(true, output, LogBytes: logBytes);

    public static TaskActivityResult Failure(string errorKind, string message, long logBytes = 0) =>
        new(false, null, errorKind, message, logBytes);

    /// <summary>The decider event for this result, stamped with the orchestration time at which it was seen.</summary>
    public RunEvent ToEvent(DateTimeOffset at, string taskKey, int attempt) => Succeeded
        ? new TaskSucceeded(at, taskKey, attempt, Output)
        : new TaskFailed(at, taskKey, attempt, ErrorKind ?? ErrorKinds.Handler, Message ?? "The task failed.");
}
