using Microsoft.Extensions.Logging;
using Workflow.Engine.Runtime;
using Workflow.Engine.Services;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>
/// The live monitors of this host, by run id: creates them, feeds them events, carries out their commands
/// (alerts raised and cleared, timers kept) and notes which changed or completed since the last save. Only the
/// monitor service's loop calls it, one call at a time.
/// </summary>
internal sealed class SlaMonitorSet(DurationHistory history, AlertOptions options, Func<AlertDispatcher> alerts,
    ILogger logger)
{
    private readonly Dictionary<string, SlaMonitorRun> _runs = new(StringComparer.Ordinal);

    public int Count => _runs.Count;

    public IReadOnlyDictionary<string, SlaMonitorRun> Runs => _runs;

    /// <summary>Runs whose monitor changed since it was last saved.</summary>
    public HashSet<string> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs whose monitor completed (or whose saved monitor is obsolete) since the last save.</summary>
    public HashSet<string> Finished { get; } = new(StringComparer.Ordinal);

    public bool TryGet(string runId, out SlaMonitorRun monitor) => _runs.TryGetValue(runId, out monitor!);

    /// <summary>A new monitor for a run, its estimates taken from the pipeline's recent history.</summary>
    public async Task StartAsync(RunInfo run, DateTimeOffset at)
    {
        var definition = run.Definition;
        var estimator = new DurationEstimator(options.Estimator);
        var recent = await history.RecentByTaskAsync(definition.Id, Math.Max(1, estimator.Options.Window),
            CancellationToken.None);
        var start = SlaMonitorStarts.Create(at, run.RunId, definition, run.LogicalTime,
            id => recent.TryGetValue(id, out var newestFirst) ? [.. Enumerable.Reverse(newestFirst)] : [],
            estimator, options.Monitor);
        if (start.DeadlineError is { } error)
        {
            // Validation rejects such rules on save; a rule that still fails here only loses its deadline alerts.
            Log.SlaMonitorFailed(logger, run.RunId, error);
        }

        if (_runs.ContainsKey(run.RunId))
        {
            return;
        }

        var monitor = new SlaMonitorRun(definition.Sla?.Channels ?? []) { Since = at };
        _runs[run.RunId] = monitor;
        await ApplyAsync(run.RunId, monitor, SlaMonitorDecider.Decide(monitor.State, start.Event));
    }

    /// <summary>
    /// Brings back a saved monitor as it was saved, without carrying out anything; it is saved again after its
    /// first round, with what it caught up.
    /// </summary>
    public SlaMonitorRun Resume(SavedMonitor saved, DateTimeOffset now)
    {
        var monitor = new SlaMonitorRun(saved.Channels) { State = saved.State, Since = now, Urgent = true };
        foreach (var (timerId, due) in saved.Timers)
        {
            monitor.Timers[timerId] = due;
        }

        _runs[saved.RunId] = monitor;
        return monitor;
    }

    public Task FeedAsync(string runId, SlaEvent @event) => FeedAsync(runId, [@event]);

    /// <summary>A run's events in the order they happened, decided together (one forecast after them).</summary>
    public async Task FeedAsync(string runId, IReadOnlyList<SlaEvent> events)
    {
        if (_runs.TryGetValue(runId, out var monitor))
        {
            await ApplyAsync(runId, monitor, SlaMonitorDecider.Decide(monitor.State, events));
        }
    }

    /// <summary>Fires every timer that is due at <paramref name="now"/>, earliest first per monitor.</summary>
    public async Task FireDueTimersAsync(DateTimeOffset now)
    {
        if (NextTimer() is not { } next || next > now)
        {
            return;
        }

        foreach (var (runId, monitor) in _runs.ToArray())
        {
            foreach (var timer in monitor.Timers.Where(t => t.Value <= now).OrderBy(t => t.Value).ToArray())
            {
                monitor.Timers.Remove(timer.Key);
                await FeedAsync(runId, new MonitorTimerFired(now, timer.Key));
            }
        }
    }

    /// <summary>The earliest pending timer of any monitor, if any.</summary>
    public DateTimeOffset? NextTimer()
    {
        DateTimeOffset? next = null;
        foreach (var monitor in _runs.Values)
        {
            foreach (var due in monitor.Timers.Values)
            {
                next = next is null || due < next ? due : next;
            }
        }

        return next;
    }

    private async Task ApplyAsync(string runId, SlaMonitorRun monitor, SlaDecision decision)
    {
        monitor.State = decision.State;
        Changed.Add(runId);
        monitor.Urgent |= decision.Commands.Any(c => c is RaiseAlert or ClearAlert or MonitorCompleted);
        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case RaiseAlert raise:
                    await alerts().RaiseAsync(raise.Alert, monitor.Channels);
                    break;
                case ClearAlert clear:
                    await alerts().ClearAsync(clear.AlertId, clear.At, clear.Reason, clear.SupersededBy, monitor.Channels);
                    break;
                case StartMonitorTimer timer:
                    monitor.Timers[timer.TimerId] = timer.DueAt;
                    break;
                case CancelMonitorTimer cancel:
                    monitor.Timers.Remove(cancel.TimerId);
                    break;
                case MonitorCompleted:
                    _runs.Remove(runId);
                    Changed.Remove(runId);
                    Finished.Add(runId);
                    break;
            }
        }
    }
}
