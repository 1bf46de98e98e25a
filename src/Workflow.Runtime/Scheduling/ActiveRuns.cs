using System.Collections.Concurrent;
using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Runtime.Scheduling;

/// <summary>
/// The active (queued, running, suspended) runs at the start of a tick, by pipeline, read with a query per status
/// rather than one per pipeline. The overlap policy looks only at runs of an earlier logical time, so a run this
/// occurrence (or a later one, started by another host) already has is never taken for "the previous run".
/// </summary>
internal sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);

    public static async Task<ActiveRuns> LoadAsync(IWorkflowService workflow, CancellationToken ct)
    {
        var result = new ActiveRuns();
        foreach (var status in RunStatuses.Active)
        {
            string? token = null;
            do
            {
                var page = await workflow.ListRunsAsync(
                    new RunQuery(Status: status, ContinuationToken: token, Limit: 500), ct);
                foreach (var run in page.Items)
                {
                    result.Add(run);
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return result;
    }

    public void Add(RunRecord run)
    {
        if (run.Status.IsActive())
        {
            _runs[run.RunId] = run;
        }
    }

    public void Remove(string runId) => _runs.TryRemove(runId, out _);

    public IReadOnlyList<RunRecord> EarlierThan(string pipelineId, DateTimeOffset occurrence, string runId) =>
        _runs.Values.Where(r => r.PipelineId == pipelineId && r.RunId != runId && r.LogicalTime < occurrence)
            .ToList();
}
