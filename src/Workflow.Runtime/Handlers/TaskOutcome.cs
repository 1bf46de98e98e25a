using System.Text.Json;

namespace Workflow.Runtime.Handlers;

/// <summary>What one delivery of an attempt ended with.</summary>
public abstract record TaskOutcome
{
    public static TaskOutcome Success(JsonElement? output = null) => new TaskSucceededOutcome(output);

    public static TaskOutcome Failure(string errorKind, string message) => new TaskFailedOutcome(errorKind, message);

    /// <summary>
    /// Park the attempt until <paramref name="resumeAt"/> without holding a worker; it is delivered again then,
    /// with <paramref name="state"/> in <see cref="TaskContext.ResumeState"/>. The wait is durable.
    /// </summary>
    public static TaskOutcome Suspend(DateTimeOffset resumeAt, JsonElement state) => new TaskSuspendedOutcome(resumeAt, state);
}

public sealed record TaskSucceededOutcome(JsonElement? Output) : TaskOutcome;

public sealed record TaskFailedOutcome(string ErrorKind, string Message) : TaskOutcome;

public sealed record TaskSuspendedOutcome(DateTimeOffset ResumeAt, JsonElement State) : TaskOutcome;
