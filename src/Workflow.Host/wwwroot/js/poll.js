// Polling that never overlaps itself, pauses while the tab is hidden and stops when the view goes away.

/** Runs task() now and then every intervalMs after each run finishes. Returns {stop, now}. */
export function poller(task, intervalMs) {
  let timer = null;
  let stopped = false;
  let running = false;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, intervalMs);
  };
  async function tick() {
    if (stopped) return;
    if (document.hidden) { schedule(); return; }
    running = true;
    try { await task(); } catch { /* the task shows its own errors */ } finally { running = false; }
    schedule();
  }
  const onVisible = () => { if (!document.hidden && !running) { clearTimeout(timer); tick(); } };
  document.addEventListener('visibilitychange', onVisible);
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    },
    /** Runs the task again at once (after a button press), keeping the rhythm. */
    now() { if (!running) { clearTimeout(timer); tick(); } },
  };
}
