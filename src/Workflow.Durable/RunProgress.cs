using System.Text.Json;
using Workflow.Execution;
using Workflow.Progress;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Durable;

/// <summary>
/// The custom status of a run orchestration: small enough for Durable's 16 KB limit whatever the DAG size, and
/// what the Durable Functions Monitor and the status endpoint show while the run is going. <c>Tasks</c> counts
/// tasks by status name (<c>running</c>, <c>retry-wait</c>, ...; absent statuses are left out); <c>InFlight</c>
/// is the activities and child runs being waited on; <c>Held</c> is work decided but held back while the
/// generation drains before continue-as-new; <c>PipelineVersion</c> the version the run pinned, which its views read
/// (the input of a run asked for by id does not say it); <c>DeciderStates</c> the state of every delay, wait-until and
/// sub-pipeline task (<see cref="DeciderTaskStates"/>), which no attempt record holds, as
/// <see cref="DeciderStateCodes"/> (<c>DeciderStatesCut</c> when the code had to stop short). <c>DeciderTasks</c> is
/// what builds before the code wrote instead: at most 50 of those states by task key, read still (the pending ones left
/// out, which it fills in before a mapped task's last instance listed).
/// </summary>
public sealed record RunProgress(
    string RunId,
    RunStatus Status,
    IReadOnlyDictionary<string, int> Tasks,
    int InFlight,
    int Held,
    int Generation,
    long Events,
    string? Error = null,
    IReadOnlyDictionary<string, string>? DeciderTasks = null,
    int? PipelineVersion = null,
    string? DeciderStates = null,
    bool DeciderStatesCut = false)
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

        var (code, cut) = DeciderStateCodes.Encode(state);
        return new RunProgress(state.RunId, state.Status, counts, inFlight, held, generation, events, Cut(state.Error),
            PipelineVersion: state.Definition?.Version, DeciderStates: code, DeciderStatesCut: cut);
    }

    /// <summary>
    /// The states of the tasks the decider carries out itself (no attempt record tells them), by task key, for the
    /// run's task list, read against the run's pinned <paramref name="definition"/>; null when the status holds
    /// none, or a code that does not fit that definition.
    /// </summary>
    public IReadOnlyDictionary<string, TaskStatus>? DeciderTaskStatuses(Model.PipelineDefinition? definition)
    {
        if (DeciderStates is not null || DeciderStatesCut)
        {
            return definition is null ? null
                : DeciderStates is null ? new Dictionary<string, TaskStatus>()
                : DeciderStateCodes.Decode(DeciderStates, definition);
        }

        return DeciderTasks is null ? null : OlderBuildStates(DeciderTasks);
    }

    /// <summary>
    /// What builds before the code wrote: the first 50 units that were not pending, so a mapped task's instances there
    /// need not start at index 0 nor follow each other. The instances before the last one listed are filled in as
    /// pending, which they were unless the 50 were used up (which the run's notice says), so that each shows a row.
    /// </summary>
    private static Dictionary<string, TaskStatus> OlderBuildStates(IReadOnlyDictionary<string, string> tasks)
    {
        var states = new Dictionary<string, TaskStatus>(StringComparer.Ordinal);
        foreach (var (key, name) in tasks)
        {
            if (KnownStatus(name) is not { } status)
            {
                continue;
            }

            states[key] = status;
            if (TaskInstanceKey.Parse(key) is { Index: { } last } instance)
            {
                for (var i = 0; i < last; i++)
                {
                    states.TryAdd(TaskInstanceKey.Of(instance.TaskId, i), TaskStatus.Pending);
                }
            }
        }

        return states;
    }

    private static TaskStatus? KnownStatus(string name) =>
        Enum.GetValues<TaskStatus>().Select(s => (TaskStatus?)s).FirstOrDefault(s => StatusName(s!.Value) == name);

    public static RunProgress Failed(string runId, string error) =>
        new(runId, RunStatus.Failed, new Dictionary<string, int>(), 0, 0, 0, 0, Cut(error));

    /// <summary>The longest error kept in the status; Durable refuses custom statuses over 16 KB.</summary>
    public const int MaxErrorLength = 2000;

    private static string? Cut(string? error) =>
        error is { Length: > MaxErrorLength } ? string.Concat(error.AsSpan(0, MaxErrorLength - 1), "…") : error;

    /// <summary>The same kebab-case names the JSON contract uses for <see cref="TaskStatus"/>.</summary>
    public static string StatusName(TaskStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
