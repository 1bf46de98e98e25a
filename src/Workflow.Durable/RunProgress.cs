using System.Text.Json;
using Workflow.Execution;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Durable;

/// <summary>
/// The custom status of a run orchestration: small enough for Durable's 16 KB limit whatever the DAG size, and
/// what the Durable Functions Monitor and the status endpoint show while the run is going. <c>Tasks</c> counts
/// tasks by status name (<c>running</c>, <c>retry-wait</c>, ...; absent statuses are left out); <c>InFlight</c>
/// is the activities and child runs being waited on; <c>Held</c> is work decided but held back while the
/// generation drains before continue-as-new.
/// </summary>
public sealed record RunProgress(
    string RunId,
    RunStatus Status,
    IReadOnlyDictionary<string, int> Tasks,
    int InFlight,
    int Held,
    int Generation,
    long Events,
    string? Error = null)
{
    public static RunProgress Of(RunState state, int generation, long events, int inFlight, int held)
    {
        ArgumentNullException.ThrowIfNull(state);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in state.Tasks)
        {
            var name = StatusName(task.Status);
            counts[name] = counts.TryGetValue(name, out var n) ? n + 1 : 1;
        }

        return new RunProgress(state.RunId, state.Status, counts, inFlight, held, generation, events, Cut(state.Error));
    }

    public static RunProgress Failed(string runId, string error) =>
        new(runId, RunStatus.Failed, new Dictionary<string, int>(), 0, 0, 0, 0, Cut(error));

    /// <summary>The longest error kept in the status; Durable refuses custom statuses over 16 KB.</summary>
    public const int MaxErrorLength = 2000;

    private static string? Cut(string? error) =>
        error is { Length: > MaxErrorLength } ? string.Concat(error.AsSpan(0, MaxErrorLength - 1), "…") : error;

    /// <summary>The same kebab-case names the JSON contract uses for <see cref="TaskStatus"/>.</summary>
    public static string StatusName(TaskStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
