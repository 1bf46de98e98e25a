using System.Text.Json;

namespace Workflow.Contracts;

/// <summary>
/// One attempt of a task, from <c>GET /api/runs/{runId}/tasks/{taskKey}/attempts</c>. <see cref="Status"/> is a
/// string (<see cref="TaskStatusNames"/>) so that an older client still shows a state a newer server adds.
/// <see cref="Priority"/> is the priority the attempt was dispatched with and <see cref="TimeoutSeconds"/> its
/// timeout (null when it had none); both are absent from an older server's answer.
/// </summary>
public sealed record AttemptInfo(
    string RunId,
    string TaskKey,
    int Attempt,
    string Status,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ErrorKind,
    string? Error,
    JsonElement? Output,
    long LogBytes,
    int? Priority = null,
    double? TimeoutSeconds = null);
