using System.Diagnostics;
using System.Globalization;

namespace Workflow.Bench.Goals;

/// <summary>
/// <c>goals</c>: measures P1–P10 of the performance issue in one run and prints one line per goal, beginning with
/// <c>P&lt;n&gt;</c> and ending with <c>pass</c> or <c>fail</c>. A goal whose measurement throws is a failed line
/// naming the error; the exit code is 1 when any goal fails.
/// </summary>
public static class GoalsCommand
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 2 && args[0] == RssGoal.ChildFlag)
        {
            await RssGoal.RunChildAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
            return 0;
        }

        var options = GoalsOptions.Parse(args);
        var traces = TraceFolder.Files();
        Console.WriteLine($"goals: {Environment.ProcessorCount} cores, load {GoalLine.LoadAverage()} at start, " +
                          $"{traces.Count} traces in {Path.GetDirectoryName(traces[0])}" +
                          (options.Quick ? "; --quick: sizes divided by 10, so verdicts are about the smaller sizes" : ""));
        var clock = Stopwatch.StartNew();
        var failed = 0;
        foreach (var (ids, goal, name, measure) in Goals(options))
        {
            if (!ids.Any(options.Wants))
            {
                continue;
            }

            IReadOnlyList<GoalLine> lines;
            try
            {
                lines = await measure();
            }
            catch (Exception ex)
            {
                lines = [.. ids.Select(id => GoalLine.Failed(id, name, goal, ex))];
            }

            foreach (var line in lines)
            {
                failed += line.Pass ? 0 : 1;
                Console.WriteLine(line.Format());
            }
        }

        Console.WriteLine($"goals: {failed} failed, {clock.Elapsed.TotalMinutes:0.0} minutes");
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<(string[] Ids, string Goal, string Name, Func<Task<IReadOnlyList<GoalLine>>> Measure)>
        Goals(GoalsOptions o)
    {
        yield return (["P1", "P2", "P3"], "see the issue", "durable engine", () => EngineGoals.DurableAsync(o));
        yield return (["P4"], "mean ≤ 1.04, never worse than a baseline", "dispatch", () => One(DispatchGoal.Measure()));
        yield return (["P5"], "≤ 2 s", "pipelines due at one instant", async () => [await SchedulerGoals.BurstAsync(o)]);
        yield return (["P6"], "≤ 20 ms CPU", "scheduler tick", async () => [await SchedulerGoals.TickAsync(o)]);
        yield return (["P6"], "near 0 %", "idle host", async () => [await SchedulerGoals.IdleAsync(o)]);
        yield return (["P7"], "≤ 1 s and ratio ≤ 12", "validate and rank", () => One(DagGoal.Measure(o)));
        yield return (["P8"], "≤ 300 MB", "peak RSS", async () => [await RssGoal.MeasureAsync(o)]);
        yield return (["P9"], "≥ 2,000/s", "HTTP creations", async () => [await HttpGoal.MeasureAsync(o)]);
        yield return (["P10"], "≤ 1.1", "SLA monitoring", async () => [await EngineGoals.SlaAsync(o)]);
    }

    private static Task<IReadOnlyList<GoalLine>> One(GoalLine line) => Task.FromResult<IReadOnlyList<GoalLine>>([line]);
}
