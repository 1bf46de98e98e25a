using System.Globalization;
using Workflow.Bench.Engine;
using Workflow.Execution;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Bench.Sla;

/// <summary>
/// <c>sla-decider [tasks] [group] [join's trigger rule]</c>: the SLA monitor decider alone on the events of a fan-out
/// with a deadline
/// (its start, the root's start and end, then each child's start and end with about a hundred running at a time),
/// handed over in groups as the monitor service's rounds hand them over. Prints process CPU and the thread's
/// allocation per run, the monitor's start apart, so that the decider's share of P10 can be followed without the
/// engine.
/// </summary>
internal static class SlaDeciderCost
{
    private const int Running = 100;

    public static void Run()
    {
        var args = CommandArguments.After("sla-decider");
        var tasks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var group = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var deadline = new SlaPolicy { Deadline = new DeadlineRule { Within = TimeSpan.FromDays(1) } };
        var definition = Shapes.FanOut(tasks) with { Sla = deadline };
        var join = args.Length > 2 ? Enum.Parse<TriggerRule>(args[2], ignoreCase: true) : TriggerRule.AllSuccess;
        definition = definition with { Tasks = [.. definition.Tasks.SkipLast(1), definition.Tasks[^1] with { Trigger = join }] };
        var events = Events(definition);
        Console.WriteLine($"sla-decider: {tasks:N0}-task fan-out (join {join}), {events.Count:N0} events in groups " +
                          $"of {group}, load {Goals.GoalLine.LoadAverage()}");
        for (var i = 0; i < 8; i++)
        {
            var (startMs, startBytes, runMs, runBytes) = Measure(definition, events, group);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  start {startMs:0.0} ms, {startBytes / 1e6:0.0} MB; " +
                $"events {runMs:0.0} ms, {runBytes / 1e6:0.0} MB " +
                $"({runMs * 1000 / events.Count:0.00} µs, {runBytes / events.Count:0} B per event)"));
        }
    }

    private static (double, long, double, long) Measure(PipelineDefinition definition, List<SlaEvent> events, int group)
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var start = new MonitorStarted(t0, "r", definition, new Dictionary<string, DurationEstimate>(),
            t0 + TimeSpan.FromDays(1), SlaMonitorSettings.Default);
        var cpu = Goals.Usage.ProcessCpu();
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var state = SlaMonitorDecider.Decide(SlaMonitorState.Initial, start).State;
        var startMs = (Goals.Usage.ProcessCpu() - cpu).TotalMilliseconds;
        var startBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        cpu = Goals.Usage.ProcessCpu();
        bytes = GC.GetAllocatedBytesForCurrentThread();
        foreach (var chunk in events.Chunk(group))
        {
            state = SlaMonitorDecider.Decide(state, chunk).State;
        }

        return (startMs, startBytes, (Goals.Usage.ProcessCpu() - cpu).TotalMilliseconds,
            GC.GetAllocatedBytesForCurrentThread() - bytes);
    }

    private static List<SlaEvent> Events(PipelineDefinition definition)
    {
        var at = DateTimeOffset.UnixEpoch;
        var ids = definition.Tasks.Select(t => t.Id).ToList();
        var events = new List<SlaEvent>
        {
            new TaskStarted(at, ids[0], 1),
            new TaskFinished(at += TimeSpan.FromMilliseconds(1), ids[0], 1, TaskOutcome.Succeeded),
        };
        for (var i = 1; i < ids.Count + Running; i++)
        {
            at += TimeSpan.FromMilliseconds(0.1);
            if (i < ids.Count)
            {
                events.Add(new TaskStarted(at, ids[i], 1));
            }

            if (i - Running >= 1)
            {
                events.Add(new TaskFinished(at, ids[i - Running], 1, TaskOutcome.Succeeded));
            }
        }

        events.Add(new RunFinished(at, RunStatus.Succeeded));
        return events;
    }
}
