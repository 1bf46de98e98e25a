namespace Workflow.Contracts;

/// <summary>
/// <c>GET /api/pipelines/{id}/durations</c>: each task's expected seconds from its recent successful runs; tasks
/// without history are absent.
/// </summary>
public sealed record ExpectedDurations(string PipelineId, IReadOnlyDictionary<string, double> Seconds);
