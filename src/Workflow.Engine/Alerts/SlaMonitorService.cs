using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflow.Engine.Runtime;
using Workflow.Engine.Services;
using Workflow.Execution;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// The embedded shell of the SLA monitor decider: one monitor beside each run. It learns of task starts and
/// finishes, notifications and completion through <see cref="IRunObserver"/>, keeps each monitor's timers, and
/// wakes every <see cref="AlertOptions.MonitorPollInterval"/> to fire those that are due. Estimates come from
/// the engine's duration history; the deadline from the pipeline's rule and the run's logical time. Monitors are
/// saved in the engine's database after each round and restored on start-up (see <see cref="SlaMonitorStore"/>),
/// so a run that is active across a restart still gets its slow, at-risk and missed-deadline alerts.
/// </summary>
public sealed partial class SlaMonitorService(IServiceProvider services, DurationHistory history,
    IOptions<AlertOptions> options, TimeProvider time, ILogger<SlaMonitorService> logger)
    : BackgroundService, IRunObserver
{
    private AlertDispatcher? _alerts;
    private readonly Channel<Func<Task>> _inbox = Channel.CreateUnbounded<Func<Task>>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, Monitor> _monitors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private SlaMonitorStore? _store;

    /// <summary>Runs with a live monitor; for tests and diagnostics.</summary>
    public int ActiveMonitors { get; private set; }

    public void RunStarted(RunInfo run, DateTimeOffset at) => Post(() => StartAsync(run, at));

    public void TaskStarted(RunInfo run, string taskKey, int attempt, DateTimeOffset at) =>
        Post(() => FeedAsync(run.RunId, new TaskStarted(at, taskKey, attempt)));

    public void TaskFinished(RunInfo run, TaskFinish finish) =>
        Post(() => FeedAsync(run.RunId, new TaskFinished(finish.FinishedAt, finish.TaskKey, finish.Attempt,
            finish.Succeeded ? TaskOutcome.Succeeded : TaskOutcome.Failed)));

    public void Notified(RunInfo run, Notify notification) =>
        Post(() => FeedAsync(run.RunId, new RunNotified(notification.At, notification.Kind, notification.Message,
            notification.TaskKey, notification.Attempt)));

    public void RunCompleted(RunInfo run, RunStatus status, RunSummary summary, DateTimeOffset at) =>
        Post(() => FeedAsync(run.RunId, new RunFinished(at, status)));

    /// <summary>Fires every timer that is due now; the loop calls it on each wake-up.</summary>
    private async Task FireDueTimersAsync()
    {
        var now = time.GetUtcNow();
        foreach (var (runId, monitor) in _monitors.ToArray())
        {
            foreach (var timer in monitor.Timers.Where(t => t.Value <= now).OrderBy(t => t.Value).ToArray())
            {
                monitor.Timers.Remove(timer.Key);
                await FeedAsync(runId, new MonitorTimerFired(now, timer.Key));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.MonitorPollInterval;
        await RunSafelyAsync(() => RestoreAsync(stoppingToken));
        await RunSafelyAsync(() => SaveAsync(all: true));
        while (!stoppingToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var message = _inbox.Reader.WaitToReadAsync(wait.Token).AsTask();
            try
            {
                await Task.WhenAny(message, Task.Delay(NextWake(poll), time, wait.Token));
            }
            finally
            {
                await wait.CancelAsync();
            }

            while (_inbox.Reader.TryRead(out var work))
            {
                await RunSafelyAsync(work);
            }

            await RunSafelyAsync(FireDueTimersAsync);
            await RunSafelyAsync(() => SaveAsync(all: stoppingToken.IsCancellationRequested));
        }
    }

    /// <summary>
    /// Until the earliest monitor timer or pending save is due, at most <paramref name="poll"/>: timers fire on time
    /// rather than up to a poll late, and one that is already due (the clock moved on while a round ran) fires at once.
    /// </summary>
    private TimeSpan NextWake(TimeSpan poll)
    {
        var now = time.GetUtcNow();
        var wake = poll;
        foreach (var monitor in _monitors.Values)
        {
            foreach (var due in monitor.Timers.Values)
            {
                var until = due - now;
                wake = until < wake ? until : wake;
            }
        }

        // A changed monitor waiting for its save interval is saved on time too, not a poll later.
        var saveInterval = options.Value.MonitorSaveInterval;
        foreach (var id in _changed)
        {
            if (_monitors.TryGetValue(id, out var monitor) && monitor.SavedAt is { } savedAt)
            {
                var until = savedAt + saveInterval - now;
                wake = until < wake ? until : wake;
            }
        }

        return wake < TimeSpan.Zero ? TimeSpan.Zero : wake;
    }

    private void Post(Func<Task> work) => _inbox.Writer.TryWrite(work);

    // Resolved on first use: the engine builds its observers while it is itself being built, and the dispatcher
    // needs the engine's writer, so taking it in the constructor would be a dependency cycle.
    private AlertDispatcher Alerts => _alerts ??= services.GetRequiredService<AlertDispatcher>();

    private SlaMonitorStore Store => _store ??= services.GetRequiredService<SlaMonitorStore>();

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            Log.SlaMonitorFailed(logger, "-", ex);
        }
    }
}
