using Workflow.Engine.Logs;
using Workflow.Engine.Runtime;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// <see cref="IWorkflowService"/> over the embedded engine. Writes go through the group-commit writer and return
/// once durable; reads use their own connections. Errors a caller can cause are the
/// <see cref="ServiceException"/>s of the contract, each with a message that says what to do.
/// </summary>
public sealed partial class WorkflowEngineService : IWorkflowService
{
    private readonly EngineRuntime _engine;
    private readonly PipelineQueries _pipelines;
    private readonly RunQueries _runs;
    private readonly DurationHistory _durations;
    private readonly HandlerRegistry _handlers;
    private readonly LogStore _logs;

    internal WorkflowEngineService(EngineRuntime engine, PipelineQueries pipelines, RunQueries runs,
        DurationHistory durations, HandlerRegistry handlers, LogStore logs)
    {
        _engine = engine;
        _pipelines = pipelines;
        _runs = runs;
        _durations = durations;
        _handlers = handlers;
        _logs = logs;
    }

    public async ValueTask<PipelineRecord> UpsertPipelineAsync(PipelineDefinition definition, int? expectedVersion,
        string actor, CancellationToken cancellationToken)
    {
        PipelineChecks.Validate(definition, _handlers.Kinds);
        var op = new UpsertPipelineOp(definition, expectedVersion, actor);
        _engine.Writer.Post(op);
        return await op.Result.WaitAsync(cancellationToken);
    }

    public ValueTask<PipelineRecord?> GetPipelineAsync(string pipelineId, int? version, CancellationToken cancellationToken) =>
        _pipelines.GetAsync(pipelineId, version, cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        _pipelines.ListAsync(cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string pipelineId,
        CancellationToken cancellationToken) =>
        _pipelines.VersionsAsync(pipelineId, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedDurationsAsync(string pipelineId,
        CancellationToken cancellationToken) => _durations.ExpectedAsync(pipelineId, cancellationToken);

    public async ValueTask<bool> DeletePipelineAsync(string pipelineId, int? expectedVersion, string actor,
        CancellationToken cancellationToken)
    {
        var op = new DeletePipelineOp(pipelineId, expectedVersion);
        _engine.Writer.Post(op);
        return await op.Result.WaitAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<TaskAttemptRecord>> ListAttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken) =>
        (await _runs.AttemptsAsync(runId, taskKey, cancellationToken)).Select(a => a.Attempt).ToList();

    public async ValueTask<LogChunk?> ReadLogAsync(string runId, string taskKey, int attempt, long offset, int maxBytes,
        CancellationToken cancellationToken)
    {
        var attempts = await _runs.AttemptsAsync(runId, taskKey, cancellationToken);
        var record = attempts.Select(a => a.Attempt).FirstOrDefault(a => a.Attempt == attempt);
        if (record is null)
        {
            return null;
        }

        var finished = record.Status is not (Execution.TaskStatus.Pending or Execution.TaskStatus.Running);
        return await _logs.ReadAsync(runId, taskKey, attempt, offset, maxBytes, finished, cancellationToken);
    }

    /// <summary>Completes when the run reaches a final state; for in-process callers such as tests and tools.</summary>
    public async Task<Execution.RunStatus> WaitForRunAsync(string runId, CancellationToken cancellationToken)
    {
        var waiter = _engine.Waiters.For(runId);
        var record = await _runs.GetAsync(runId, cancellationToken)
            ?? throw new NotFoundException($"Run '{runId}' does not exist.");
        if (record.Status is Execution.RunStatus.Succeeded or Execution.RunStatus.Failed or Execution.RunStatus.Cancelled)
        {
            return record.Status;
        }

        return await waiter.WaitAsync(cancellationToken);
    }
}
