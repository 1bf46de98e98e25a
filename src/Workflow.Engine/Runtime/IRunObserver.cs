using Workflow.Execution;
using Workflow.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Watches runs as the engine carries them out: the SLA monitor, alert sinks and telemetry plug in here.
/// Calls arrive after the change is durable, in order, on one background thread that is not the writer's;
/// a slow observer delays other observers, never the engine.
/// </summary>
public interface IRunObserver
{
    void RunStarted(RunInfo run, DateTimeOffset at)
    {
    }

    void TaskStarted(RunInfo run, string taskKey, int attempt, DateTimeOffset at)
    {
    }

    void TaskFinished(RunInfo run, TaskFinish finish)
    {
    }

    /// <summary>The decider's notifications: retrying, task failed, run failed or succeeded.</summary>
    void Notified(RunInfo run, Notify notification)
    {
    }

    void RunCompleted(RunInfo run, RunStatus status, RunSummary summary, DateTimeOffset at)
    {
    }
}

/// <summary>The run an observation is about, with its pinned definition (SLA, expected durations).</summary>
public sealed record RunInfo(string RunId, PipelineDefinition Definition, DateTimeOffset LogicalTime, string? ParentRunId);

/// <summary>How one attempt ended. <see cref="ErrorKind"/> is null on success.</summary>
public sealed record TaskFinish(string TaskKey, string TaskId, int Attempt, bool Succeeded, string? ErrorKind,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
