using System.Diagnostics;
using System.Globalization;
using Workflow.Bench.Engine;

namespace Workflow.Bench.Goals;

/// <summary>
/// P8: the peak resident set (VmHWM) of a fresh process that runs one durable 10k-task fan-out and nothing else,
/// so that the other goals' allocations do not count. The goals command starts itself as that child.
/// </summary>
internal static class RssGoal
{
    public const string ChildFlag = "--rss-child";

    private const string Marker = "VmHWM-kB:";

    public static async Task<GoalLine> MeasureAsync(GoalsOptions options)
    {
        var tasks = 10_000 / options.Scale;
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(RssGoal).Assembly.Location);
        }

        foreach (var arg in new[] { "goals", ChildFlag, tasks.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child did not start.");
        var output = await child.StandardOutput.ReadToEndAsync();
        var error = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The child run failed (exit {child.ExitCode}): {error.Trim()}");
        }

        var mb = long.Parse(line[Marker.Length..].Trim(), CultureInfo.InvariantCulture) / 1024.0;
        return new GoalLine("P8", $"peak RSS of one {tasks:N0}-task durable run (fresh process)",
            string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB"), "≤ 300 MB", mb <= 300);
    }

    /// <summary>The child's side: one run, then the peak resident set from /proc/self/status.</summary>
    public static async Task RunChildAsync(int tasks)
    {
        await EngineBenchmark.MeasureAsync(durable: true, Shapes.FanOut(tasks), quiet: true);
        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine(Marker + " " + peak["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim());
    }
}
