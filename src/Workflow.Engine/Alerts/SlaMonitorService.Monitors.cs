using Microsoft.Extensions.Logging;
using Workflow.Engine.Runtime;
using Workflow.Model;
using Workflow.Sla;

namespace Workflow.Engine.Alerts;

/// <summary>Creating monitors and carrying out their commands.</summary>
public sealed partial class SlaMonitorService
{
    private async Task StartAsync(RunInfo run, DateTimeOffset at)
    {
        var definition = run.Definition;
        var estimator = new DurationEstimator(options.Value.Estimator);
        var recent = await history.RecentByTaskAsync(definition.Id, Math.Max(1, estimator.Options.Window),
            CancellationToken.None);
        var start = SlaMonitorStarts.Create(at, run.RunId, definition, run.LogicalTime,
            id => recent.TryGetValue(id, out var newestFirst) ? [.. Enumerable.Reverse(newestFirst)] : [],
            estimator, options.Value.Monitor);
        if (start.DeadlineError is { } error)
        {
            // Validation rejects such rules on save; a rule that still fails here only loses its deadline alerts.
            Log.SlaMonitorFailed(logger, run.RunId, error);
        }

        if (_monitors.ContainsKey(run.RunId))
        {
            return;
        }

        var monitor = new Monitor(definition.Sla?.Channels ?? []);
        _monitors[run.RunId] = monitor;
        ActiveMonitors = _monitors.Count;
        await ApplyAsync(run.RunId, monitor, SlaMonitorDecider.Decide(monitor.State, start.Event));
    }

    private async Task FeedAsync(string runId, SlaEvent @event)
    {
        if (_monitors.TryGetValue(runId, out var monitor))
        {
            await ApplyAsync(runId, monitor, SlaMonitorDecider.Decide(monitor.State, @event));
        }
    }

    private async Task ApplyAsync(string runId, Monitor monitor, SlaDecision decision)
    {
        monitor.State = decision.State;
        _changed.Add(runId);
        monitor.Urgent |= monitor.SavedAt is null ||
                          decision.Commands.Any(c => c is RaiseAlert or ClearAlert or MonitorCompleted);
        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case RaiseAlert raise:
                    await Alerts.RaiseAsync(raise.Alert, monitor.Channels);
                    break;
                case ClearAlert clear:
                    await Alerts.ClearAsync(clear.AlertId, clear.At, clear.Reason, monitor.Channels);
                    break;
                case StartMonitorTimer timer:
                    monitor.Timers[timer.TimerId] = timer.DueAt;
                    break;
                case MonitorCompleted:
                    _monitors.Remove(runId);
                    _changed.Remove(runId);
                    _finished.Add(runId);
                    ActiveMonitors = _monitors.Count;
                    break;
            }
        }
    }

    /// <summary>
    /// Saves the monitors that changed and are due (see <see cref="AlertOptions.MonitorSaveInterval"/>; all of them
    /// when <paramref name="all"/>, on stopping) and forgets those that completed, in one write. It runs after
    /// their alerts were carried out, never before, so a crash can repeat an alert (deduplicated by its id) but
    /// cannot lose one.
    /// </summary>
    private async Task SaveAsync(bool all)
    {
        if (_changed.Count == 0 && _finished.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var interval = options.Value.MonitorSaveInterval;
        var due = _changed.Where(id => _monitors.TryGetValue(id, out var m) &&
                                       (all || m.Urgent || m.SavedAt is not { } at || now - at >= interval)).ToList();
        if (due.Count == 0 && _finished.Count == 0)
        {
            return;
        }

        var saved = due.Select(id =>
        {
            var monitor = _monitors[id];
            return new SavedMonitor(id, monitor.State, new Dictionary<string, DateTimeOffset>(monitor.Timers),
                monitor.Channels);
        }).ToList();
        var finished = _finished.ToList();
        await Store.SaveAsync(saved, finished, now);
        foreach (var id in due)
        {
            _changed.Remove(id);
            _monitors[id].SavedAt = now;
            _monitors[id].Urgent = false;
        }

        _changed.RemoveWhere(id => !_monitors.ContainsKey(id));
        _finished.Clear();
    }

    /// <summary>One run's monitor: the decider state, its pending timers, and where its alerts go.</summary>
    private sealed class Monitor(IReadOnlyList<AlertChannel> channels)
    {
        public SlaMonitorState State { get; set; } = SlaMonitorState.Initial;
        public Dictionary<string, DateTimeOffset> Timers { get; } = new(StringComparer.Ordinal);
        public IReadOnlyList<AlertChannel> Channels { get; } = channels;

        /// <summary>When this monitor was last saved; null until its first save.</summary>
        public DateTimeOffset? SavedAt { get; set; }

        /// <summary>An alert was raised or cleared since the last save, so the next round saves at once.</summary>
        public bool Urgent { get; set; }
    }
}
