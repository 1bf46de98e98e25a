using System.Text.Json;

namespace Workflow.Api.Contracts;

/// <summary>
/// The body of a trigger, all optional: parameter values for the run, and an <see cref="Overlap"/> policy that
/// overrides the pipeline's for this run. wf sends it too, but it stays here: the policy is read as the model's
/// enum, so a bad value is refused while the body is read.
/// </summary>
public sealed record TriggerRequest(JsonElement? Parameters, Workflow.Model.OverlapPolicy? Overlap = null);

/// <summary>The body of a cancel: an optional reason kept in the audit log.</summary>
public sealed record CancelRequest(string? Reason);

/// <summary>The answer of a cancel: the run will stop; poll it to see when.</summary>
public sealed record CancelAccepted(string RunId, string Status);
