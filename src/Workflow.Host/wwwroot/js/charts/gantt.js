// Draws a Gantt chart of task attempts on one time axis: one row per task, one bar per attempt, so retries
// show as several bars with the backoff wait between them, and time spent queued as a thin lead-in.

import { s } from '../dom.js';
import { formatDuration, formatTime, toMillis } from '../format.js';

const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** A tick step (seconds) that gives at most about `max` ticks over `span` seconds. */
export function tickStep(span, max = 8) {
  return STEPS.find(step => span / step <= max) ?? Math.ceil(span / max / 86400) * 86400;
}

/**
 * rows: [{key, label, critical, attempts: [{attempt, status, queuedAt, startedAt, finishedAt}]}].
 * width: pixels available. now: the time running bars extend to.
 */
export function renderGantt(rows, { width = 900, now = Date.now(), selected, onSelect } = {}) {
  const labelWidth = Math.min(220, Math.max(120, width * 0.2));
  const rowHeight = 24;
  const top = 26;
  const right = 16;
  const times = rows.flatMap(r => r.attempts.flatMap(a => [toMillis(a.queuedAt), toMillis(a.startedAt),
    toMillis(a.finishedAt) ?? (a.startedAt ? now : null)])).filter(t => t !== null);
  const start = times.length ? Math.min(...times) : now;
  const end = Math.max(start + 1000, times.length ? Math.max(...times) : now);
  const span = (end - start) / 1000;
  const plotWidth = Math.max(100, width - labelWidth - right);
  const x = ms => labelWidth + ((ms - start) / (end - start)) * plotWidth;
  const height = top + rows.length * rowHeight + 8;

  const svg = s('svg', { class: 'gantt', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `Gantt chart of ${rows.length} tasks over ${formatDuration(span)}` });

  const step = tickStep(span, Math.max(4, Math.floor(plotWidth / 110)));
  const axis = s('g', { class: 'axis' });
  for (let i = 0, t = 0; t <= span + 1e-6; i++, t = i * step) {
    const px = x(start + t * 1000);
    axis.append(s('line', { x1: px, x2: px, y1: top - 6, y2: height - 4, class: 'tick' }),
      s('text', { x: px, y: top - 10, 'text-anchor': t === 0 ? 'start' : 'middle' }, t === 0 ? formatTime(new Date(start).toISOString()) : `+${formatDuration(t)}`));
  }
  svg.append(axis);

  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const g = s('g', {
      class: `gantt-row${row.critical ? ' critical' : ''}${selected === row.key ? ' selected' : ''}`,
      'data-task': row.key, onclick: () => onSelect?.(row.key),
    });
    g.append(s('rect', { class: 'row-bg', x: 0, y, width, height: rowHeight }));
    g.append(s('text', { class: 'row-label', x: 8, y: y + 16 }, row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label));
    let previousEnd = null;
    for (const attempt of row.attempts) {
      const queued = toMillis(attempt.queuedAt);
      const started = toMillis(attempt.startedAt);
      const finished = toMillis(attempt.finishedAt) ?? (started !== null ? now : null);
      if (previousEnd !== null && (queued ?? started) !== null) {
        g.append(s('line', { class: 'retry-wait', x1: x(previousEnd), x2: x(queued ?? started), y1: y + 12, y2: y + 12 }));
      }
      if (queued !== null && started !== null && started > queued) {
        g.append(s('rect', { class: 'queued', x: x(queued), y: y + 10, width: Math.max(1, x(started) - x(queued)), height: 4 }));
      }
      if (started === null) continue;
      const bx = x(started);
      const bw = Math.max(3, x(finished) - bx);
      const duration = (finished - started) / 1000;
      g.append(s('rect', {
        class: `bar status-${attempt.status}`, x: bx, y: y + 5, width: bw, height: rowHeight - 10, rx: 3,
        'data-attempt': attempt.attempt, 'data-status': attempt.status,
      }, s('title', {}, `${row.label} · attempt ${attempt.attempt} · ${attempt.status}\n` +
        `${formatTime(attempt.startedAt)} → ${attempt.finishedAt ? formatTime(attempt.finishedAt) : 'now'} (${formatDuration(duration)})`)));
      if (row.attempts.length > 1 && bw > 22) {
        g.append(s('text', { class: 'bar-label', x: bx + 4, y: y + 16 }, `#${attempt.attempt}`));
      }
      previousEnd = finished;
    }
    svg.append(g);
  });
  return svg;
}
