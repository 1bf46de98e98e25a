using Workflow.Durable;

namespace Workflow.Functions.Services;

/// <summary>
/// What a Durable status query returns about one run orchestration, reduced to plain values so that turning it
/// into a run record is tested here. <see cref="RuntimeStatus"/> is the name of Durable's
/// <c>OrchestrationRuntimeStatus</c> (Pending, Running, Completed, ContinuedAsNew, Failed, Terminated, Suspended).
/// </summary>
public sealed record RunInstanceView(
    string InstanceId,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    PipelineRunInput? Input,
    RunProgress? Progress,
    RunOutcome? Output,
    string? FailureMessage = null);
