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
        var polled = await PollAsync(runId, ct);
        var shape = await ShapeAsync(polled.Detail.Run, ct);
        try
        {
            polled = LiveDisplayPolicy.CanUseLive(_env.Terminal, plain)
                ? await LiveAsync(polled, shape, ct)
                : await PlainAsync(polled, shape, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await _env.Error.WriteLineAsync($"Stopped watching; run {runId} goes on. Watch again with: wf watch {runId}");
            throw;
        }

        return States.Is(polled.Detail.Run.Status, States.Succeeded) ? ExitCodes.Ok : ExitCodes.RunNotSucceeded;
    }

    private async Task<Polled> PlainAsync(Polled polled, PipelineShape shape, CancellationToken ct)
    {
        var reporter = new PlainProgressReporter();
        var run = polled.Detail.Run;
        await _env.Out.WriteLineAsync($"Watching run {run.RunId} of {run.PipelineId} (Ctrl+C stops watching, not the run).");
        while (true)
        {
            var (view, progress, now) = Snapshot(polled, shape);
            foreach (var line in reporter.Update(view, progress, now))
            {
                await _env.Out.WriteLineAsync(line);
            }

            if (States.IsRunFinished(view.Run.Status))
            {
                await _env.Out.WriteLineAsync(PlainProgressReporter.Final(view, progress, now));
                await _env.Out.FlushAsync(ct);
                return polled;
            }

            await _env.Out.FlushAsync(ct);
            await Task.Delay(_env.PollInterval, _env.Time, ct);
            polled = await PollAsync(run.RunId, ct);
        }
    }

    private async Task<Polled> LiveAsync(Polled polled, PipelineShape shape, CancellationToken ct)
    {
        var (first, firstProgress, firstNow) = Snapshot(polled, shape);
        await _env.Console.Live(WatchView.Frame(first, firstProgress, firstNow))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                while (!States.IsRunFinished(polled.Detail.Run.Status))
                {
                    await Task.Delay(_env.PollInterval, _env.Time, ct);
                    polled = await PollAsync(polled.Detail.Run.RunId, ct);
                    var (view, progress, now) = Snapshot(polled, shape);
                    context.UpdateTarget(WatchView.Frame(view, progress, now));
                    context.Refresh();
                }
            });
        var (last, lastProgress, lastNow) = Snapshot(polled, shape);
        _env.Console.WriteLine(PlainProgressReporter.Final(last, lastProgress, lastNow));
        return polled;
    }

    private (RunDetail View, RunProgress Progress, DateTimeOffset Now) Snapshot(Polled polled, PipelineShape shape)
    {
        var now = _env.Time.GetUtcNow();
        var view = polled.Detail with { Tasks = shape.Complete(polled.Detail) };
        return (view, ProgressEstimator.Estimate(view.Run.Status, view.Tasks, shape.ExpectedWith(polled.Critical),
            polled.Critical, now), now);
    }

    /// <summary>The run and the server's critical path of it (its ETA), which is null when the server cannot tell.</summary>
    private async Task<Polled> PollAsync(string runId, CancellationToken ct)
    {
        var detail = await _api.Runs.GetAsync(runId, ct);
        try
        {
            return new Polled(detail, await _api.Runs.GetCriticalPathAsync(runId, ct));
        }
        catch (ApiException)
        {
            return new Polled(detail, null); // An older server has no critical path: watch on without an ETA.
        }
    }

    private sealed record Polled(RunDetail Detail, RunCriticalPath? Critical);

    /// <summary>
    /// The outline of the version the run pinned, whose tasks are the run's even after the pipeline changed; the
    /// current one when that version is no longer stored (or the run names none).
    /// </summary>
    private async Task<PipelineShape> ShapeAsync(RunInfo run, CancellationToken ct)
    {
        try
        {
            var outline = run.PipelineVersion > 0
                ? await _api.Pipelines.FindOutlineAsync(run.PipelineId, run.PipelineVersion, ct)
                : null;
            outline ??= await _api.Pipelines.FindOutlineAsync(run.PipelineId, null, ct);
            return outline is null ? PipelineShape.Empty : PipelineShape.FromOutline(outline);
        }
        catch (ApiException)
        {
            return PipelineShape.Empty; // The ETA is a nicety; a user who may watch but not read the definition still watches.
        }
    }
}
