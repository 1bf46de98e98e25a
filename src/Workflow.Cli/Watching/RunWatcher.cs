using Spectre.Console;
using Workflow.Cli.Api;
using Workflow.Cli.Progress;
using Workflow.Cli.Rendering;

namespace Workflow.Cli.Watching;

/// <summary>
/// Polls a run until it ends and shows its progress: redrawn in place on a real terminal, as plain lines
/// everywhere else. Returns the exit code: <see cref="ExitCodes.Ok"/> only when the run succeeded.
/// </summary>
public sealed class RunWatcher
{
    private readonly WorkflowApi _api;
    private readonly CliEnvironment _env;

    public RunWatcher(WorkflowApi api, CliEnvironment env)
    {
        _api = api;
        _env = env;
    }

    public async Task<int> WatchAsync(string runId, bool plain, CancellationToken ct)
    {
        var detail = await _api.Runs.GetAsync(runId, ct);
        var shape = await ShapeAsync(detail.Run.PipelineId, ct);
        try
        {
            detail = LiveDisplayPolicy.CanUseLive(_env.Terminal, plain)
                ? await LiveAsync(detail, shape, ct)
                : await PlainAsync(detail, shape, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await _env.Error.WriteLineAsync($"Stopped watching; run {runId} goes on. Watch again with: wf watch {runId}");
            throw;
        }

        return States.Is(detail.Run.Status, States.Succeeded) ? ExitCodes.Ok : ExitCodes.RunNotSucceeded;
    }

    private async Task<RunDetail> PlainAsync(RunDetail detail, PipelineShape shape, CancellationToken ct)
    {
        var reporter = new PlainProgressReporter();
        await _env.Out.WriteLineAsync($"Watching run {detail.Run.RunId} of {detail.Run.PipelineId} (Ctrl+C stops watching, not the run).");
        while (true)
        {
            var (view, progress, now) = Snapshot(detail, shape);
            foreach (var line in reporter.Update(view, progress, now))
            {
                await _env.Out.WriteLineAsync(line);
            }

            if (States.IsRunFinished(detail.Run.Status))
            {
                await _env.Out.WriteLineAsync(PlainProgressReporter.Final(view, progress, now));
                await _env.Out.FlushAsync(ct);
                return detail;
            }

            await _env.Out.FlushAsync(ct);
            await Task.Delay(_env.PollInterval, _env.Time, ct);
            detail = await _api.Runs.GetAsync(detail.Run.RunId, ct);
        }
    }

    private async Task<RunDetail> LiveAsync(RunDetail detail, PipelineShape shape, CancellationToken ct)
    {
        var (first, firstProgress, firstNow) = Snapshot(detail, shape);
        await _env.Console.Live(WatchView.Frame(first, firstProgress, firstNow))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                while (!States.IsRunFinished(detail.Run.Status))
                {
                    await Task.Delay(_env.PollInterval, _env.Time, ct);
                    detail = await _api.Runs.GetAsync(detail.Run.RunId, ct);
                    var (view, progress, now) = Snapshot(detail, shape);
                    context.UpdateTarget(WatchView.Frame(view, progress, now));
                    context.Refresh();
                }
            });
        var (last, lastProgress, lastNow) = Snapshot(detail, shape);
        _env.Console.WriteLine(PlainProgressReporter.Final(last, lastProgress, lastNow));
        return detail;
    }

    private (RunDetail View, RunProgress Progress, DateTimeOffset Now) Snapshot(RunDetail detail, PipelineShape shape)
    {
        var now = _env.Time.GetUtcNow();
        var view = detail with { Tasks = shape.Complete(detail) };
        return (view, ProgressEstimator.Estimate(view.Run.Status, view.Tasks, shape.ExpectedByTaskId, now), now);
    }

    private async Task<PipelineShape> ShapeAsync(string pipelineId, CancellationToken ct)
    {
        try
        {
            var outline = await _api.Pipelines.FindOutlineAsync(pipelineId, ct);
            if (outline is null)
            {
                return PipelineShape.Empty;
            }

            var history = await _api.Pipelines.ExpectedDurationsAsync(pipelineId, ct);
            return PipelineShape.FromOutline(outline).WithHistory(history.Seconds);
        }
        catch (ApiException)
        {
            return PipelineShape.Empty; // The ETA is a nicety; a user who may watch but not read the definition still watches.
        }
    }
}
