namespace Workflow.Engine.Alerts;

/// <summary>
/// Decides when the live monitors are saved, and saves them. A monitor is saved at once after a round that raised
/// or cleared an alert, or completed it; while only its progress changes, at most once per
/// <see cref="AlertOptions.MonitorSaveInterval"/> (the first time that long after its run started), and never more
/// often than <see cref="CostFactor"/> times what the last save took, so that saving a large run's monitor stays a
/// small share of the engine's writer however slow the machine is. Progress a crash loses in between is caught up
/// from the attempt rows on restart, and an active run whose monitor was never saved gets a new one, caught up
/// the same way (<see cref="SlaMonitorRestorer"/>): a run shorter than the interval that raises no alert never
/// writes its monitor's state, which for a 10,000-task run is about 2 MB of JSON.
/// </summary>
internal sealed class SlaMonitorSaver(SlaMonitorSet monitors, Func<SlaMonitorStore> store, AlertOptions options,
    TimeProvider time)
{
    /// <summary>Progress saves are spaced by at least this many times the last save's duration (≤ 5 % of the time).</summary>
    public const int CostFactor = 20;

    private TimeSpan _lastCost;

    /// <summary>The shortest wait between two saves of a monitor whose progress alone changed.</summary>
    public TimeSpan ProgressInterval
    {
        get
        {
            var byCost = _lastCost * CostFactor;
            return byCost > options.MonitorSaveInterval ? byCost : options.MonitorSaveInterval;
        }
    }

    /// <summary>
    /// Saves the monitors that changed and are due (all of them when <paramref name="all"/>, on stopping) and
    /// forgets those that completed, in one write. It runs after their alerts were carried out, never before, so a
    /// crash can repeat an alert (deduplicated by its id) but cannot lose one.
    /// </summary>
    public async Task SaveAsync(bool all)
    {
        if (monitors.Changed.Count == 0 && monitors.Finished.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var interval = ProgressInterval;
        var due = monitors.Changed.Where(id => monitors.TryGet(id, out var m) &&
                                               (all || m.Urgent || DueAt(m, interval) <= now))
            .ToList();
        if (due.Count == 0 && monitors.Finished.Count == 0)
        {
            return;
        }

        var started = time.GetTimestamp();
        var saved = due.Select(id =>
        {
            var monitor = monitors.Runs[id];
            return new SavedMonitor(id, monitor.State, new Dictionary<string, DateTimeOffset>(monitor.Timers),
                monitor.Channels);
        }).ToList();
        await store().SaveAsync(saved, [.. monitors.Finished], now);
        _lastCost = time.GetElapsedTime(started);
        foreach (var id in due)
        {
            monitors.Changed.Remove(id);
            monitors.Runs[id].SavedAt = now;
            monitors.Runs[id].Urgent = false;
        }

        monitors.Changed.RemoveWhere(id => !monitors.TryGet(id, out _));
        monitors.Finished.Clear();
    }

    /// <summary>When the next save of a changed monitor falls due, if any is waiting for its interval.</summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        var interval = ProgressInterval;
        foreach (var id in monitors.Changed)
        {
            if (monitors.TryGet(id, out var monitor))
            {
                var due = DueAt(monitor, interval);
                next = next is null || due < next ? due : next;
            }
        }

        return next;
    }

    /// <summary>When a changed monitor's progress is next due to be saved.</summary>
    private static DateTimeOffset DueAt(SlaMonitorRun monitor, TimeSpan interval) =>
        (monitor.SavedAt ?? monitor.Since) + interval;
}
