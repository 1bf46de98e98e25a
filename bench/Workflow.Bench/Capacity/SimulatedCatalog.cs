using Workflow.Execution;
using Workflow.Services;

namespace Workflow.Bench.Capacity;

/// <summary>
/// The store the real <see cref="Workflow.Runtime.Scheduling.ScheduleTicker"/> talks to in the simulation: it lists
/// the pipelines and records each run the tick starts, at the virtual instant of the tick. It lists only the
/// pipelines with an occurrence since the previous tick (a next-due index): the others would find nothing to start,
/// so the runs started are the same, and the cost of scanning every pipeline on every tick is the engine benchmark's
/// subject (P6), not this one's. It reports no active runs: every simulated pipeline ends each run long before its
/// next occurrence (the simulator checks this), so the overlap policy never applies.
/// </summary>
internal sealed class SimulatedCatalog(TimeProvider clock) : IWorkflowService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private readonly List<RunRecord> _started = [];

    /// <summary>What the next tick's listing returns.</summary>
    public IReadOnlyList<PipelineRecord> Listed { get; set; } = [];

    /// <summary>The runs started since the last call, oldest logical time first.</summary>
    public IReadOnlyList<RunRecord> TakeStarted()
    {
        lock (_gate)
        {
            var started = _started.OrderBy(r => r.LogicalTime).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
            _started.Clear();
            return started;
        }
    }

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Listed);

    public ValueTask<RunRecord> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken)
    {
        var runId = request.RunId ?? throw new NotSupportedException("The simulated tick starts scheduled runs only.");
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var run))
            {
                var now = clock.GetUtcNow();
                run = new RunRecord(runId, request.PipelineId, 1, "capacity", RunStatus.Queued, request.Trigger,
                    request.ScheduledAt ?? now, now, null, null, null);
                _runs[runId] = run;
                _started.Add(run);
            }

            return ValueTask.FromResult(run);
        }
    }

    public ValueTask<Page<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new Page<RunRecord>([], null));

    public ValueTask<PipelineRecord> UpsertPipelineAsync(Workflow.Model.PipelineDefinition definition,
        int? expectedVersion, string actor, CancellationToken cancellationToken) => throw Unused();

    public ValueTask<PipelineRecord?> GetPipelineAsync(string pipelineId, int? version,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string pipelineId,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedDurationsAsync(string pipelineId,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<bool> DeletePipelineAsync(string pipelineId, int? expectedVersion, string actor,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken) => throw Unused();

    public ValueTask<bool> CancelRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<bool> SuspendRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<bool> ResumeRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<RunRecord> RerunFailedAsync(string runId, RerunVersion version, string actor,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<RunRecord> RerunFromTaskAsync(string runId, string fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<IReadOnlyList<TaskAttemptRecord>> ListAttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken) => throw Unused();

    public ValueTask<LogChunk?> ReadLogAsync(string runId, string taskKey, int attempt, LogRange range,
        CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("The schedule tick does not call this.");
}
