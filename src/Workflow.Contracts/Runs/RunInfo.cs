using System.Text.Json;

namespace Workflow.Contracts;

/// <summary>
/// A run as the API answers it (<c>GET /api/runs</c>, and inside <see cref="RunDetail"/>). <see cref="Status"/>
/// (<see cref="RunStatusNames"/>) and <see cref="Trigger"/> (<see cref="RunTriggerNames"/>) are strings, not enums,
/// so that an older client still reads and shows a state a newer server adds.
/// </summary>
public sealed record RunInfo(
    string RunId,
    string PipelineId,
    int PipelineVersion,
    string OwnerGroup,
    string Status,
    string Trigger,
    DateTimeOffset LogicalTime,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    RunCounts? Summary = null,
    JsonElement? Parameters = null,
    string? RerunOf = null,
    string? ParentRunId = null);

/// <summary>How a finished run's tasks ended.</summary>
public sealed record RunCounts(int Succeeded, int Failed, int Skipped, int Cancelled, int Total);
