using System.Text.Json;
using Workflow.Services;

namespace Workflow.Api.Contracts;

/// <summary>
/// The body of a trigger, all optional: parameter values for the run, and an <see cref="Overlap"/> policy that
/// overrides the pipeline's for this run.
/// </summary>
public sealed record TriggerRequest(JsonElement? Parameters, Workflow.Model.OverlapPolicy? Overlap = null);

/// <summary>
/// The answer to a trigger, shaped like the Durable Functions HTTP management payload so that existing clients can
/// poll <see cref="StatusQueryGetUri"/>.
/// </summary>
public sealed record RunAccepted(string Id, string RunId, string StatusQueryGetUri, string TerminatePostUri,
    string RerunPostUri);

/// <summary>A page of the runs list; pass <see cref="ContinuationToken"/> back to read the next one.</summary>
public sealed record RunsPage(IReadOnlyList<RunRecord> Items, string? ContinuationToken);

/// <summary>The body of a cancel: an optional reason kept in the audit log.</summary>
public sealed record CancelRequest(string? Reason);

/// <summary>The answer of a cancel: the run will stop; poll it to see when.</summary>
public sealed record CancelAccepted(string RunId, string Status);
