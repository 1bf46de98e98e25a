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
/// finishes, notifications and completion through <see cref="IRunObserver"/> and hands them on its own loop, each
/// run's waiting events together (<see cref="SlaMonitorInbox"/>), to the live monitors (<see cref="SlaMonitorSet"/>);
/// it wakes for their timers and at most every
/// <see cref="AlertOptions.MonitorPollInterval"/>. After each round <see cref="SlaMonitorSaver"/> saves what is
/// due in the engine's database, and on start-up <see cref="SlaMonitorRestorer"/> brings the saved monitors back,
/// so a run that is active across a restart still gets its slow, at-risk and missed-deadline alerts.
/// </summary>
public sealed class SlaMonitorService : BackgroundService, IRunObserver
{
    private readonly SlaMonitorInbox _inbox = new();
    private readonly IServiceProvider _services;
    private readonly AlertOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SlaMonitorService> _logger;
    private readonly SlaMonitorSet _monitors;
    private readonly SlaMonitorSaver _saver;
    private AlertDispatcher? _alerts;
    private SlaMonitorStore? _store;

    public SlaMonitorService(IServiceProvider services, DurationHistory history, IOptions<AlertOptions> options,
        TimeProvider time, ILogger<SlaMonitorService> logger)
    {
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _monitors = new SlaMonitorSet(history, _options, () => Alerts, logger);
        _saver = new SlaMonitorSaver(_monitors, () => Store, _options, time);
    }

    /// <summary>Runs with a live monitor; for tests and diagnostics.</summary>
    public int ActiveMonitors { get; private set; }

    public void RunStarted(RunInfo run, DateTimeOffset at) => _inbox.Start(run, at);

    public void TaskStarted(RunInfo run, string taskKey, int attempt, DateTimeOffset at) =>
        _inbox.Add(run.RunId, new TaskStarted(at, taskKey, attempt));

    public void TaskFinished(RunInfo run, TaskFinish finish) =>
        _inbox.Add(run.RunId, new TaskFinished(finish.FinishedAt, finish.TaskKey, finish.Attempt,
            finish.Succeeded ? TaskOutcome.Succeeded : TaskOutcome.Failed));

    public void Notified(RunInfo run, Notify notification) =>
        _inbox.Add(run.RunId, new RunNotified(notification.At, notification.Kind, notification.Message,
            notification.TaskKey, notification.Attempt));

    public void RunCompleted(RunInfo run, RunStatus status, RunSummary summary, DateTimeOffset at) =>
        _inbox.Add(run.RunId, new RunFinished(at, status));

    /// <summary>
    /// The loop runs on a thread of its own (<see cref="DedicatedThread"/>): a round decides hundreds of events at
    /// once, and on the thread pool it would hold a thread the engine's workers may be waiting for.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.Run("workflow-sla", () => LoopAsync(stoppingToken));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var poll = _options.MonitorPollInterval;
        await RunSafelyAsync(() => new SlaMonitorRestorer(_monitors, Store, _time).RestoreAsync(stoppingToken));
        await RunSafelyAsync(() => _saver.SaveAsync(all: true));
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_inbox.HasWaiting)
            {
                await WaitAsync(NextWake(poll), stoppingToken);
            }

            await GatherAsync(stoppingToken);
            var round = _inbox.Take();
            foreach (var start in round.Starts)
            {
                await RunSafelyAsync(() => _monitors.StartAsync(start.Run, start.At));
            }

            foreach (var (runId, events) in round.Events)
            {
                await RunSafelyAsync(() => _monitors.FeedAsync(runId, events));
            }

            await RunSafelyAsync(() => _monitors.FireDueTimersAsync(_time.GetUtcNow()));
            await RunSafelyAsync(() => _saver.SaveAsync(all: stoppingToken.IsCancellationRequested));
        }
    }

    /// <summary>Until something arrives in the inbox or <paramref name="wake"/> has passed.</summary>
    private async Task WaitAsync(TimeSpan wake, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var message = _inbox.WaitToReadAsync(wait.Token).AsTask();
        try
        {
            await Task.WhenAny(message, Task.Delay(wake, _time, wait.Token));
        }
        finally
        {
            await wait.CancelAsync();
        }
    }

    /// <summary>
    /// Lets a round's observations gather for <see cref="AlertOptions.MonitorGatherDelay"/> once one is waiting (a
    /// round takes at most <see cref="SlaMonitorInbox.RoundLimit"/>: over 200,000 a second at the default). The
    /// pause is on the system clock, not the injected one: it spaces the loop's work and is no point in a run's
    /// time, so a test's manual clock must not hold it up.
    /// </summary>
    private async Task GatherAsync(CancellationToken stoppingToken)
    {
        var delay = _options.MonitorGatherDelay;
        if (delay <= TimeSpan.Zero || !_inbox.HasWaiting || stoppingToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, TimeProvider.System, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the round still takes what is waiting, and the loop then saves every monitor.
        }
    }

    /// <summary>
    /// Until the earliest monitor timer or pending save is due, at most <paramref name="poll"/>: timers fire on time
    /// rather than up to a poll late, and one that is already due (the clock moved on while a round ran) fires at once.
    /// </summary>
    private TimeSpan NextWake(TimeSpan poll)
    {
        var now = _time.GetUtcNow();
        var wake = poll;
        foreach (var due in new[] { _monitors.NextTimer(), _saver.NextDue() })
        {
            if (due is { } at && at - now < wake)
            {
                wake = at - now;
            }
        }

        return wake < TimeSpan.Zero ? TimeSpan.Zero : wake;
    }

    // Resolved on first use: the engine builds its observers while it is itself being built, and the dispatcher
    // needs the engine's writer, so taking it in the constructor would be a dependency cycle.
    private AlertDispatcher Alerts => _alerts ??= _services.GetRequiredService<AlertDispatcher>();

    private SlaMonitorStore Store => _store ??= _services.GetRequiredService<SlaMonitorStore>();

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            Log.SlaMonitorFailed(_logger, "-", ex);
        }
        finally
        {
            ActiveMonitors = _monitors.Count;
        }
    }
}
