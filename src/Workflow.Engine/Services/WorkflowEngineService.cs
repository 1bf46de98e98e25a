using Workflow.Engine.Logs;
using Workflow.Engine.Runtime;
using Workflow.Engine.Starts;
using Workflow.Model;
using Workflow.Runtime.Handlers;
using Workflow.Services;

namespace Workflow.Engine.Services;

/// <summary>
/// <see cref="IWorkflowService"/> over the embedded engine. Writes go through the group-commit writer and return
/// once durable; reads use their own connections. Errors a caller can cause are the
/// <see cref="ServiceException"/>s of the contract, each with a message that says what to do.
/// Each method hands its work to one collaborator: <see cref="PipelineCommands"/> and <see cref="PipelineQueries"/>
/// for pipelines, <see cref="RunCommands"/>, <see cref="RunSuspensions"/>, <see cref="RunReader"/> and
/// <see cref="RunQueries"/> for runs.
/// </summary>
public sealed class WorkflowEngineService : IWorkflowService
{
    private readonly PipelineCommands _pipelineCommands;
    private readonly PipelineQueries _pipelines;
    private readonly RunCommands _runCommands;
    private readonly RunSuspensions _suspensions;
    private readonly RunReader _runReader;
    private readonly RunQueries _runs;
    private readonly DurationHistory _durations;

    internal WorkflowEngineService(EngineRuntime engine, PipelineQueries pipelines, RunQueries runs,
        DurationHistory durations, HandlerRegistry handlers, LogStore logs)
    {
        // One admission for the starts the overlap policy queues: it admits one at a time, finds and cancels them.
        var admission = new OverlapAdmission(this, new QueuedStartStore(new StartsSql(engine.Store, engine.Writer)));
        _pipelineCommands = new PipelineCommands(engine.Writer, handlers, pipelines);
        _pipelines = pipelines;
        _runCommands = new RunCommands(engine, pipelines, runs, durations, admission);
        _suspensions = new RunSuspensions(engine, this);
        _runReader = new RunReader(engine.Waiters, pipelines, runs, logs, admission, engine.Time);
        _runs = runs;
        _durations = durations;
    }

    public ValueTask<PipelineRecord> UpsertPipelineAsync(PipelineDefinition definition, int? expectedVersion,
        string actor, CancellationToken cancellationToken) =>
        _pipelineCommands.UpsertAsync(definition, expectedVersion, actor, null, cancellationToken);

    /// <summary>
    /// <see cref="UpsertPipelineAsync(PipelineDefinition, int?, string, CancellationToken)"/> with what only the
    /// embedded engine can add (<see cref="PipelineSaveOptions"/>): one write for the version, the host's rows and
    /// the check that the id is new.
    /// </summary>
    public async ValueTask<PipelineRecord> UpsertPipelineAsync(PipelineDefinition definition, int? expectedVersion,
        string actor, PipelineSaveOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MustBeNew && await _pipelines.IsDynamicAsync(definition.Id, cancellationToken))
        {
            throw PipelineIdTaken.Refusal(definition.Id, generated: true);
        }

        return await _pipelineCommands.UpsertAsync(definition, expectedVersion, actor, options, cancellationToken);
    }

    public ValueTask<PipelineRecord?> GetPipelineAsync(string pipelineId, int? version,
        CancellationToken cancellationToken) =>
        _pipelines.GetAsync(pipelineId, version, cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelinesAsync(CancellationToken cancellationToken) =>
        _pipelines.ListAsync(cancellationToken);

    public ValueTask<IReadOnlyList<PipelineRecord>> ListPipelineVersionsAsync(string pipelineId,
        CancellationToken cancellationToken) =>
        _pipelines.VersionsAsync(pipelineId, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, TimeSpan>> ExpectedDurationsAsync(string pipelineId,
        CancellationToken cancellationToken) => _durations.ExpectedAsync(pipelineId, cancellationToken);

    public ValueTask<bool> DeletePipelineAsync(string pipelineId, int? expectedVersion, string actor,
        CancellationToken cancellationToken) =>
        _pipelineCommands.DeleteAsync(pipelineId, expectedVersion, cancellationToken);

    public ValueTask<RunRecord> StartRunAsync(StartRunRequest request, CancellationToken cancellationToken) =>
        _runCommands.StartAsync(request, cancellationToken);

    public ValueTask<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        _runReader.DetailAsync(runId, cancellationToken);

    public ValueTask<Page<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken) =>
        _runs.ListAsync(query, cancellationToken);

    public ValueTask<bool> CancelRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        _runCommands.CancelAsync(runId, actor, reason, cancellationToken);

    public ValueTask<bool> SuspendRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        _suspensions.ChangeAsync(runId, suspend: true, actor, reason, cancellationToken);

    public ValueTask<bool> ResumeRunAsync(string runId, string actor, string? reason,
        CancellationToken cancellationToken) =>
        _suspensions.ChangeAsync(runId, suspend: false, actor, reason, cancellationToken);

    public ValueTask<RunRecord> RerunFailedAsync(string runId, RerunVersion version, string actor,
        CancellationToken cancellationToken) => _runCommands.RerunAsync(runId, null, version, actor, cancellationToken);

    public ValueTask<RunRecord> RerunFromTaskAsync(string runId, string fromTask, RerunVersion version, string actor,
        CancellationToken cancellationToken) =>
        _runCommands.RerunAsync(runId, fromTask, version, actor, cancellationToken);

    public ValueTask<IReadOnlyList<TaskAttemptRecord>> ListAttemptsAsync(string runId, string? taskKey,
        CancellationToken cancellationToken) => _runReader.AttemptsAsync(runId, taskKey, cancellationToken);

    public ValueTask<LogChunk?> ReadLogAsync(string runId, string taskKey, int attempt, LogRange range,
        CancellationToken cancellationToken) =>
        _runReader.LogAsync(runId, taskKey, attempt, range, cancellationToken);

    /// <summary>Completes when the run reaches a final state; for in-process callers such as tests and tools.</summary>
    public Task<Execution.RunStatus> WaitForRunAsync(string runId, CancellationToken cancellationToken) =>
        _runReader.WaitForEndAsync(runId, cancellationToken);
}
