using System.Text.Json;
using Workflow.Model;
using Workflow.Services;

namespace Workflow.Engine.Runtime;

/// <summary>Everything needed to create a run, gathered before the writer is asked to create it.</summary>
internal sealed record RunCreation(
    string RunId,
    PipelineDefinition Definition,
    RunTrigger Trigger,
    string Actor,
    JsonElement? Parameters,
    DateTimeOffset LogicalTime,
    string? RerunOf = null,
    string? ParentRunId = null,
    string? ParentTaskKey = null,
    int? ParentAttempt = null,
    IReadOnlyDictionary<string, JsonElement?>? PriorResults = null,
    IReadOnlyDictionary<string, TimeSpan>? ExpectedDurations = null);
