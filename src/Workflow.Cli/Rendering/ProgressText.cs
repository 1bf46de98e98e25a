using System.Globalization;
using Workflow.Cli.Progress;

namespace Workflow.Cli.Rendering;

/// <summary>The one-line progress summary shared by the live view and the plain lines.</summary>
public static class ProgressText
{
    public static string Summary(RunProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            string.Create(c, $"{p.Finished}/{p.Total} tasks done"),
        };
        if (p.Running > 0)
        {
            parts.Add(string.Create(c, $"{p.Running} running"));
        }

        if (p.Waiting > 0)
        {
            parts.Add(string.Create(c, $"{p.Waiting} waiting"));
        }

        if (p.Failed > 0)
        {
            parts.Add(string.Create(c, $"{p.Failed} failed"));
        }

        return string.Join(", ", parts);
    }

    public static string Eta(RunProgress p)
    {
        if (p.Remaining is null)
        {
            return "ETA unknown (no history or expected durations yet)";
        }

        var c = CultureInfo.InvariantCulture;
        var notes = new List<string>();
        if (p.Unestimated > 0)
        {
            notes.Add(string.Create(c, $"at least: {p.Unestimated} task(s) without an estimate"));
        }

        if (p.Overdue > 0)
        {
            notes.Add(string.Create(c, $"{p.Overdue} task(s) past their estimate"));
        }

        var eta = $"ETA {Formats.Duration(p.Remaining.Value)}";
        return notes.Count == 0 ? eta : $"{eta} ({string.Join(", ", notes)})";
    }

    /// <summary>The server's critical path as one line, or null when it has none.</summary>
    public static string? CriticalPath(RunProgress p) =>
        p.CriticalPath.Count == 0 ? null : "critical path: " + string.Join(" -> ", p.CriticalPath);

    /// <summary>A text bar of <paramref name="width"/> cells, for terminals and logs alike.</summary>
    public static (int Filled, int Empty) Bar(double fraction, int width)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width, MidpointRounding.ToZero);
        return (filled, width - filled);
    }
}
