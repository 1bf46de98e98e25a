using System.Globalization;

namespace Workflow.Sla;

/// <summary>Deterministic alert ids: the same condition always maps to the same id.</summary>
public static class AlertIds
{
    public static string ForRun(string runId, AlertKind kind, string? taskKey = null, int? attempt = null)
    {
        var id = $"{runId}/{Name(kind)}";
        if (taskKey is not null)
        {
            id += "/" + taskKey;
        }

        return attempt is { } a ? id + "#" + a.ToString(CultureInfo.InvariantCulture) : id;
    }

    public static string ForQueue(string pipelineId, string queue) => $"{pipelineId}/queue-backlog/{queue}";

    /// <summary>The kind a stored <see cref="Name"/> stands for; null for null or a name no kind has.</summary>
    public static AlertKind? KindNamed(string? name) =>
        name is null ? null : Enum.GetValues<AlertKind>().Cast<AlertKind?>().FirstOrDefault(k => Name(k!.Value) == name);

    /// <summary>The kebab-case name used in ids, the API and metric tags.</summary>
    public static string Name(AlertKind kind) => kind switch
    {
        AlertKind.SlowTask => "slow-task",
        AlertKind.SlowRun => "slow-run",
        AlertKind.DeadlineAtRisk => "deadline-at-risk",
        AlertKind.DeadlineMissed => "deadline-missed",
        AlertKind.TaskRetrying => "task-retrying",
        AlertKind.TaskFailed => "task-failed",
        AlertKind.RunFailed => "run-failed",
        AlertKind.RunSucceeded => "run-succeeded",
        AlertKind.QueueBacklog => "queue-backlog",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
