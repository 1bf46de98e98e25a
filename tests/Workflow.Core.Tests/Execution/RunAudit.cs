using Workflow.Execution;
using Workflow.Model;
using TaskStatus = Workflow.Execution.TaskStatus;

namespace Workflow.Core.Tests.Execution;

/// <summary>
/// Watches every event and decision of a simulated run and records each broken invariant: a start its trigger
/// rule did not allow, a task that succeeds twice or starts after succeeding, attempts out of order or beyond
/// the retry budget, a final state that changes, more than one completion.
/// </summary>
internal sealed class RunAudit(PipelineDefinition definition)
{
    private readonly Dictionary<string, int> _lastAttempt = [];
    private readonly Dictionary<string, int> _successes = [];
    private TaskStatus[]? _previous;

    public List<string> Violations { get; } = [];
    public List<RunEvent> Events { get; } = [];
    public List<RunCommand> Commands { get; } = [];
    public int Completions { get; private set; }

    public void Observe(RunEvent @event, RunDecision decision)
    {
        Events.Add(@event);
        Commands.AddRange(decision.Commands);
        var state = decision.State;
        var statuses = state.Tasks.Select(t => t.Status).ToArray();
        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case RunTask run:
                    CheckStart(state, run.TaskKey, run.Attempt);
                    break;
                case CompleteRun:
                    Completions++;
                    break;
            }
        }

        for (var i = 0; _previous is not null && i < statuses.Length; i++)
        {
            var before = _previous[i];
            if (IsFinal(before) && statuses[i] != before)
            {
                Violations.Add($"{state.Tasks[i].Id} left final state {before} for {statuses[i]}");
            }

            if (statuses[i] == TaskStatus.Succeeded && before != TaskStatus.Succeeded)
            {
                _successes[state.Tasks[i].Id] = _successes.GetValueOrDefault(state.Tasks[i].Id) + 1;
            }
        }

        if (_successes.Any(s => s.Value > 1))
        {
            Violations.Add($"a task succeeded more than once: {string.Join(",", _successes.Where(s => s.Value > 1))}");
        }

        _previous = statuses;
    }

    private void CheckStart(RunState state, string key, int attempt)
    {
        var def = definition.Tasks.Single(t => t.Id == key);
        var expected = _lastAttempt.GetValueOrDefault(key) + 1;
        if (attempt != expected)
        {
            Violations.Add($"{key} started attempt {attempt}, expected {expected}");
        }

        if (attempt > (def.Retry ?? definition.Defaults.Retry).MaxAttempts)
        {
            Violations.Add($"{key} started attempt {attempt} beyond its max attempts");
        }

        if (_successes.GetValueOrDefault(key) > 0)
        {
            Violations.Add($"{key} started again after it succeeded");
        }

        _lastAttempt[key] = attempt;
        var parents = def.DependsOn.Select(p => state.Tasks.Single(t => t.Id == p).Status).ToList();
        if (!Allows(def.Trigger, parents))
        {
            Violations.Add($"{key} ({def.Trigger}) started with parents [{string.Join(",", parents)}]");
        }
    }

    /// <summary>The trigger rules restated over parent states, independent of the decider's counters.</summary>
    private static bool Allows(TriggerRule rule, List<TaskStatus> parents) => parents.Count == 0 || rule switch
    {
        TriggerRule.AllSuccess => parents.All(p => p == TaskStatus.Succeeded),
        TriggerRule.AllDone => parents.All(IsFinal),
        TriggerRule.OneFailed => parents.Any(p => p is TaskStatus.Failed or TaskStatus.Cancelled),
        TriggerRule.OneSuccess => parents.Any(p => p == TaskStatus.Succeeded),
        TriggerRule.NoneFailed => parents.All(IsFinal) && !parents.Any(p => p is TaskStatus.Failed or TaskStatus.Cancelled),
        _ => false,
    };

    private static bool IsFinal(TaskStatus s) =>
        s is TaskStatus.Succeeded or TaskStatus.Failed or TaskStatus.Skipped or TaskStatus.Cancelled;
}
