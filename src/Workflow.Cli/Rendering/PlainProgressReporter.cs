using System.Globalization;
using Workflow.Cli.Api;
using Workflow.Cli.Progress;

namespace Workflow.Cli.Rendering;

/// <summary>
/// Plain progress for pipes, logs, CI and dumb terminals: a line when a task starts or finishes, a progress line
/// when the counts change and the critical path when it changes, never a redraw. Keeps what it last reported so
/// repeated polls print nothing new.
/// </summary>
public sealed class PlainProgressReporter
{
    private readonly Dictionary<string, string> _reported = new(StringComparer.Ordinal);
    private string? _lastSummary; // The key of the last progress line.
    private string? _lastPath;

    public IReadOnlyList<string> Update(RunDetail detail, RunProgress progress, DateTimeOffset now)
    {
        var lines = new List<string>();
        foreach (var task in detail.Tasks.OrderBy(t => t.FinishedAt ?? t.StartedAt ?? DateTimeOffset.MaxValue))
        {
            var status = task.Status.ToLowerInvariant();
            if (_reported.TryGetValue(task.TaskKey, out var previous) && previous == status)
            {
                continue;
            }

            _reported[task.TaskKey] = status;
            if (TaskLine(task, status, now) is { } line)
            {
                lines.Add(line);
            }
        }

        // A progress line when the counts change or the bar passes another tenth; not on every poll.
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{detail.Run.Status}|{ProgressText.Summary(progress)}|{(int)(progress.Fraction * 10)}");
        if (key != _lastSummary)
        {
            _lastSummary = key;
            var eta = States.IsRunFinished(detail.Run.Status) ? string.Empty : " - " + ProgressText.Eta(progress);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"[{Formats.Percent(progress.Fraction),4}] {detail.Run.Status}: {ProgressText.Summary(progress)}{eta}"));
        }

        // The critical path when it changes, while the run goes on.
        var path = States.IsRunFinished(detail.Run.Status) ? null : ProgressText.CriticalPath(progress);
        if (path is not null && path != _lastPath)
        {
            _lastPath = path;
            lines.Add("  " + path);
        }

        return lines;
    }

    public static string Final(RunDetail detail, RunProgress progress, DateTimeOffset now)
    {
        var run = detail.Run;
        var took = Formats.Elapsed(run.StartedAt ?? run.CreatedAt, run.FinishedAt, now);
        return string.Create(CultureInfo.InvariantCulture,
            $"Run {run.RunId} {run.Status} in {took}: {progress.Succeeded} succeeded, {progress.Failed} failed, " +
            $"{progress.Skipped} skipped, {progress.Cancelled} cancelled.");
    }

    private static string? TaskLine(TaskInfo task, string status, DateTimeOffset now) => status switch
    {
        States.Pending or States.Queued => null,
        States.Running => $"  {task.TaskKey} running" + Attempt(task),
        States.RetryWait => $"  {task.TaskKey} waiting to retry" + Attempt(task) + Error(task),
        States.Succeeded => $"  {task.TaskKey} succeeded in {Formats.Elapsed(task.StartedAt, task.FinishedAt, now)}",
        States.Failed => $"  {task.TaskKey} failed" + Attempt(task) + Error(task),
        _ => $"  {task.TaskKey} {status}" + Error(task),
    };

    private static string Attempt(TaskInfo task) =>
        task.Attempts > 1 ? string.Create(CultureInfo.InvariantCulture, $" (attempt {task.Attempts})") : string.Empty;

    private static string Error(TaskInfo task) =>
        string.IsNullOrWhiteSpace(task.Error) ? string.Empty : ": " + Formats.Truncate(task.Error, 200);
}
