namespace Workflow.Durable;

/// <summary>The payload of the <see cref="OrchestrationNames.CancelEvent"/> event: the run, or one task when set.</summary>
public sealed record CancelRunRequest(string? TaskKey = null, string? Reason = null, string? Actor = null);
