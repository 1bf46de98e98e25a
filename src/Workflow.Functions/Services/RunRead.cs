using Workflow.Durable;
using Workflow.Services;

namespace Workflow.Functions.Services;

/// <summary>
/// One run orchestration as <see cref="DurableRunReader"/> reads it: the run record, the definition it pinned (or why
/// there is none), its outcome once it ended and its custom status.
/// </summary>
internal sealed record RunRead(RunRecord Record, PinnedDefinition Pinned, RunOutcome? Outcome, RunProgress? Progress);
