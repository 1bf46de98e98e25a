using Workflow.Durable;
using Workflow.Execution;

namespace Workflow.Functions.Services;

/// <summary>
/// What a run's detail says it could not show as it is, rather than showing a wrong state in silence: a pinned
/// definition that is not known (<see cref="PinnedDefinition.Notice"/>), and, while the run goes on, states of its
/// delay, wait-until and sub-pipeline tasks its custom status did not hold.
/// </summary>
internal static class RunNotices
{
    /// <summary>How many task states the custom status of builds before <see cref="DeciderStateCodes"/> held.</summary>
    private const int OldDeciderTasksLimit = 50;

    public static IReadOnlyList<string>? Of(PinnedDefinition pinned, RunProgress? progress, RunStatus status)
    {
        var notices = new List<string>();
        if (pinned.Notice is { } notice)
        {
            notices.Add(notice);
        }

        if (status.IsActive() && progress is not null && pinned.Definition is { } definition)
        {
            if (progress.DeciderStatesCut)
            {
                notices.Add($"The states of some delay, wait-until and sub-pipeline tasks of run '{progress.RunId}' " +
                            $"did not fit in its custom status ({DeciderStateCodes.MaxLength} characters); those " +
                            "tasks show pending.");
            }
            else if (progress.DeciderStates is { } code && DeciderStateCodes.Decode(code, definition) is null)
            {
                notices.Add($"The states of the delay, wait-until and sub-pipeline tasks of run '{progress.RunId}' " +
                            "do not match its pipeline version; those tasks show pending.");
            }
            else if (progress.DeciderTasks is { Count: >= OldDeciderTasksLimit })
            {
                notices.Add($"Run '{progress.RunId}' was started by a build whose custom status kept the states of " +
                            $"{OldDeciderTasksLimit} delay, wait-until and sub-pipeline tasks at most; the others " +
                            "show pending.");
            }
        }

        return notices.Count == 0 ? null : notices;
    }
}
