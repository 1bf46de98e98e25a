using System.Text.Json;
using Workflow.Engine.Logs;

namespace Workflow.Engine.Handlers;

/// <summary>Everything a handler gets for one delivery of one attempt.</summary>
public sealed class TaskContext
{
    private readonly Action _heartbeat;

    internal TaskContext(Action heartbeat) => _heartbeat = heartbeat;

    public required string RunId { get; init; }
    public required string PipelineId { get; init; }
    public required string TaskKey { get; init; }
    public required string TaskId { get; init; }
    public required int Attempt { get; init; }

    /// <summary><c>{runId}/{taskKey}/{attempt}</c>: the same on every delivery of this attempt.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>1 on the first delivery; higher after a lease expired or the host restarted.</summary>
    public required int Delivery { get; init; }

    public JsonElement? Config { get; init; }

    /// <summary>Upstream outputs as the decider passed them; large ones are references the output store resolves.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Set when an earlier delivery suspended; null on a fresh start.</summary>
    public JsonElement? ResumeState { get; init; }

    public required ITaskLog Log { get; init; }

    public required OutputStore Outputs { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Tells the engine this delivery is alive, extending its lease.</summary>
    public void Heartbeat() => _heartbeat();
}
