using System.Globalization;

namespace Workflow.Bench.Capacity;

/// <summary>Prints the capacity simulator's results.</summary>
internal static class CapacityReport
{
    public static void Scenario(Workload workload, int runs)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {workload.Name}: {workload.Description}; {runs:N0} runs"));
    }

    public static void Search(string goal, WorkerSearch.Outcome outcome, double tolerance)
    {
        if (outcome.Smallest is not { } smallest)
        {
            Console.WriteLine($"  no worker count meets {goal}: even unbounded workers miss it (above)");
            return;
        }

        Result("smallest", smallest);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  => smallest worker count meeting {goal}: {smallest.Workers:N0} " +
            $"({(outcome.LargestFailing is { } low ? $"{low:N0} fails" : "nothing below was tried")}; bisection to " +
            $"{tolerance:P0}, {outcome.Simulations} simulations)"));
    }

    public static void Result(string label, FleetResult result)
    {
        var workers = result.Workers == int.MaxValue ? "unbounded" : string.Create(CultureInfo.InvariantCulture, $"{result.Workers:N0}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-9} {workers,9} workers: peak busy {result.PeakBusy:N0}, work bound {result.LowerBound:N0}, utilisation " +
            $"{result.Utilisation:P0}, {result.Tasks:N0} tasks, simulated in {result.Elapsed.TotalSeconds:0.0} s: " +
            $"{(result.MeetsGoals ? "every goal met" : "goal missed")}"));
        foreach (var g in result.Groups)
        {
            var slack = g.WorstSlackSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"worst deadline slack {Hours(s)}") : "no deadline";
            var last = g.LastDone is { } d ? string.Create(CultureInfo.InvariantCulture, $"last done {d:ddd HH:mm}") : "none done";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {g.Group,-7} {g.Runs,6:N0} runs  start lag p50 {g.LagP50,7:0.0} s  " +
                $"p99 {g.LagP99,8:0.0} s  max {g.LagMax,8:0.0} s {(g.LagMax <= UserLoad.StartGoal.TotalSeconds ? "<=" : "> ")} " +
                $"{UserLoad.StartGoal.TotalSeconds:0} s  {last}, {slack}, {g.DeadlineMissed} missed" +
                $"{(g.Unfinished > 0 ? $", {g.Unfinished} unfinished" : "")}"));
        }
    }

    private static string Hours(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h");
}
