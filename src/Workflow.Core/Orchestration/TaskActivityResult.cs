using System.Text.Json;
using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Orchestration;

/// <summary>
/// What one attempt came to. The activity returns failures as data rather than throwing, so the error kind
/// survives the trip through the task hub; an activity that throws anyway becomes a <see cref="ErrorKinds.Handler"/> failure.
/// </summary>
public sealed record TaskActivityResult(bool Succeeded, JsonElement? Output = null, string? ErrorKind = null,
    string? Message = null, long LogBytes = 0)
{
    public static TaskActivityResult Success(JsonElement? output, long logBytes = 0) => new(true, output, LogBytes: logBytes);

    public static TaskActivityResult Failure(string errorKind, string message, long logBytes = 0) =>
        new(false, null, errorKind, message, logBytes);

    /// <summary>The decider event for this result, stamped with the orchestration time at which it was seen.</summary>
    public RunEvent ToEvent(DateTimeOffset at, string taskKey, int attempt) => Succeeded
        ? new TaskSucceeded(at, taskKey, attempt, Output)
        : new TaskFailed(at, taskKey, attempt, ErrorKind ?? ErrorKinds.Handler, Message ?? "The task failed.");
}
