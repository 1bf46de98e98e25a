using System.Text.Json;
using Workflow.Services;

namespace Workflow.Durable;

/// <summary>
/// A run asked for by pipeline id only (a child run, or a start that did not load the definition itself).
/// The <see cref="OrchestrationNames.ResolveRunActivity"/> activity turns it into a pinned <c>RunStarted</c>.
/// A rerun carries the outputs of the tasks that already succeeded in <see cref="PriorResults"/>. A child run carries
/// its parent's group in <see cref="ParentGroup"/>, which its pipeline must belong to
/// (<see cref="Security.ChildPipelineAccess"/>); a request kept from before it was carried has none, and the
/// resolving activity reads its parent's group instead (<see cref="RunResolver.ParentToLookUp"/>). New fields stay
/// optional with a default, so inputs recorded by older builds still deserialize.
/// </summary>
public sealed record RunRequest(
    string RunId,
    string PipelineId,
    RunTrigger Trigger,
    DateTimeOffset? LogicalTime = null,
    JsonElement? Parameters = null,
    string? ParentRunId = null,
    IReadOnlyDictionary<string, JsonElement?>? PriorResults = null,
    int? PinnedVersion = null,
    string? ParentGroup = null);
