using FsCheck;
using FsCheck.Fluent;
using Workflow.Core.Tests.Execution;
using Workflow.Execution;
using Workflow.Simulation;
using Workflow.Sla;

namespace Workflow.Core.Tests.Sla;

/// <summary>
/// The monitor works skips out from the run decider's trigger rules; over random DAGs, rules, failures, retries,
/// timeouts and duplicate deliveries it must skip exactly what the run decider skips, fed as the embedded shell
/// feeds it (attempt starts and accepted ends, then the decider's notifications).
/// </summary>
public class SlaSkipPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void The_monitor_skips_exactly_the_tasks_the_run_decider_skips()
    {
        Check.One(Config, Prop.ForAll(RandomPipeline.Arbitrary, p =>
        {
            // Arrange
            var definition = p.Definition;
            var monitor = SlaMonitorState.Initial;
            var outstanding = new HashSet<(string Key, int Attempt)>();
            RunState? run = null;
            void Feed(SlaEvent e) => monitor = SlaMonitorDecider.Decide(monitor, e).State;

            // Act
            RunSimulator.Run(definition, p.Options, (e, decision) =>
            {
                switch (e)
                {
                    case RunStarted started:
                        Feed(new MonitorStarted(started.At, started.RunId, definition,
                            new Dictionary<string, DurationEstimate>(), null));
                        break;
                    case TaskSucceeded ok when outstanding.Remove((ok.TaskKey, ok.Attempt)):
                        Feed(new TaskFinished(ok.At, ok.TaskKey, ok.Attempt, TaskOutcome.Succeeded));
                        break;
                    case TaskFailed failed when outstanding.Remove((failed.TaskKey, failed.Attempt)):
                        Feed(new TaskFinished(failed.At, failed.TaskKey, failed.Attempt, TaskOutcome.Failed));
                        break;
                }

                foreach (var command in decision.Commands)
                {
                    switch (command)
                    {
                        case RunTask task:
                            outstanding.Add((task.TaskKey, task.Attempt));
                            Feed(new TaskStarted(e.At, task.TaskKey, task.Attempt));
                            break;
                        case CancelTask cancel:
                            outstanding.Remove((cancel.TaskKey, cancel.Attempt));
                            break;
                        case Notify notify:
                            Feed(new RunNotified(notify.At, notify.Kind, notify.Message, notify.TaskKey, notify.Attempt));
                            break;
                    }
                }

                run = decision.State;
            });

            // Assert
            var runSkipped = run!.Tasks.Where(t => t.Status == Workflow.Execution.TaskStatus.Skipped).Select(t => t.Id).ToHashSet();
            var monitorSkipped = monitor.Tasks.Values.Where(t => t.Outcome == TaskOutcome.Skipped).Select(t => t.Id)
                .ToHashSet();
            var sound = monitorSkipped.IsSubsetOf(runSkipped);
            var complete = run.Status == RunStatus.Cancelled || runSkipped.SetEquals(monitorSkipped);
            var detail = $"run skipped [{string.Join(",", runSkipped.Order())}], monitor skipped " +
                         $"[{string.Join(",", monitorSkipped.Order())}], run {run.Status}; " +
                         string.Join(" ", run.Tasks.Select(t => $"{t.Id}={t.Status}")) + " | " +
                         string.Join(" ", monitor.Tasks.Values.Select(t => $"{t.Id}={t.Outcome}")) + $" | {p}";
            return sound.Label("the monitor skips only what the run decider skips: " + detail)
                .And(complete.Label("the monitor skips everything the run decider skips: " + detail));
        }));
    }
}
