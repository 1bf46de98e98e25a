using Spectre.Console;
using Spectre.Console.Rendering;
using Workflow.Cli.Api;
using Workflow.Cli.Progress;

namespace Workflow.Cli.Rendering;

/// <summary>One frame of the live <c>wf watch</c> display: a header, a progress bar with the ETA, the critical path
/// and the task table.</summary>
public static class WatchView
{
    private const int BarWidth = 40;

    public static IRenderable Frame(RunDetail detail, RunProgress progress, DateTimeOffset now)
    {
        var run = detail.Run;
        var header = new Markup(
            $"[bold]{Markup.Escape(run.RunId)}[/]  {StatusStyle.Markup(run.Status)}  " +
            $"[grey]pipeline[/] {Markup.Escape(run.PipelineId)} v{run.PipelineVersion}  " +
            $"[grey]elapsed[/] {Markup.Escape(Formats.Elapsed(run.StartedAt ?? run.CreatedAt, run.FinishedAt, now))}");
        var (filled, empty) = ProgressText.Bar(progress.Fraction, BarWidth);
        var barColor = progress.Failed > 0 ? "red" : "green";
        var bar = new Markup(
            $"[{barColor}]{new string('━', filled)}[/][grey]{new string('━', empty)}[/] " +
            $"{Formats.Percent(progress.Fraction)}  {Markup.Escape(ProgressText.Summary(progress))}  " +
            $"[grey]{Markup.Escape(States.IsRunFinished(run.Status) ? string.Empty : ProgressText.Eta(progress))}[/]");
        var path = States.IsRunFinished(run.Status) ? null : ProgressText.CriticalPath(progress);
        return path is null
            ? new Rows(header, bar, Tables.Tasks(Order(detail.Tasks), now))
            : new Rows(header, bar, new Markup($"[grey]{Markup.Escape(path)}[/]"), Tables.Tasks(Order(detail.Tasks), now));
    }

    /// <summary>Running tasks first, then waiting, then finished, so the interesting rows stay on screen.</summary>
    public static IEnumerable<TaskInfo> Order(IEnumerable<TaskInfo> tasks) =>
        tasks.OrderBy(t => t.Status.ToLowerInvariant() switch
        {
            States.Running => 0,
            States.RetryWait => 1,
            States.Failed => 2,
            States.Pending => 3,
            _ => 4,
        }).ThenBy(t => t.StartedAt ?? DateTimeOffset.MaxValue).ThenBy(t => t.TaskKey, StringComparer.Ordinal);
}
