namespace Workflow.Contracts;

/// <summary>A page of <c>GET /api/runs</c>; pass <see cref="ContinuationToken"/> back to read the next one.</summary>
public sealed record RunsPage(IReadOnlyList<RunInfo> Items, string? ContinuationToken);
