namespace Workflow.Execution;

/// <summary>
/// The id of a child run is <c>{parentRunId}/{taskKey}#{attempt}</c>: deterministic, so starting it twice is a no-op,
/// and its parent is readable from it. No other run id holds a <c>/</c> (pipeline ids, task ids and run id suffixes
/// follow the id rule), so the last <c>/</c> separates a child from its parent, at any depth.
/// </summary>
public static class ChildRunIds
{
    public static string For(string parentRunId, string taskKey, int attempt) => $"{parentRunId}/{taskKey}#{attempt}";

    /// <summary>The parent run id of a child run id, or null for a run that is not a child.</summary>
    public static string? ParentOf(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var slash = runId.LastIndexOf('/');
        return slash > 0 ? runId[..slash] : null;
    }
}
