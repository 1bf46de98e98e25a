using System.Diagnostics;
using System.Globalization;

namespace Workflow.Bench.Goals;

/// <summary>
/// One goal's verdict as the goals command prints it: <c>P&lt;n&gt; name: measured; goal; cpu; load ... pass|fail</c>.
/// The load average is read when the line is printed, so each line says how busy the machine was while it was measured.
/// </summary>
internal sealed record GoalLine(string Id, string Name, string Measured, string Goal, bool Pass, string? Cpu = null)
{
    public static GoalLine Failed(string id, string name, string goal, Exception error) =>
        new(id, name, $"error: {error.GetType().Name}: {error.Message}", goal, false);

    public string Format() =>
        $"{Id} {Name}: {Measured}; goal {Goal}" + (Cpu is null ? "" : $"; cpu {Cpu}") +
        $"; load {LoadAverage()} {(Pass ? "pass" : "fail")}";

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}

/// <summary>Process CPU time and wall-clock time of a measured section.</summary>
internal readonly record struct Usage(TimeSpan Wall, TimeSpan Cpu)
{
    public static Usage Measure(Action action)
    {
        var cpu = ProcessCpu();
        var watch = Stopwatch.StartNew();
        action();
        return new Usage(watch.Elapsed, ProcessCpu() - cpu);
    }

    public static async Task<Usage> MeasureAsync(Func<Task> action)
    {
        var cpu = ProcessCpu();
        var watch = Stopwatch.StartNew();
        await action();
        return new Usage(watch.Elapsed, ProcessCpu() - cpu);
    }

    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cpu.TotalMilliseconds:0.0} ms cpu / {Wall.TotalMilliseconds:0.0} ms wall");
}
