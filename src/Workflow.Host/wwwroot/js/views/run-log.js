// The task panel of a run: the task's state, its attempts, and the selected attempt's log with follow.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { errorBox } from '../components.js';
import { formatDuration, secondsBetween, statusBadge, timeCell } from '../format.js';

const CHUNK = 65536;

/**
 * Shows one task. attempts: the task's attempt records (may be empty before the first starts); action: an element
 * shown at the end of the task's header (the run view's "Rerun from here"), or null.
 * Returns {element, stop} so the run view can stop a follow when the task changes.
 */
export function taskPanel(runId, task, attempts, { attempt: chosen, onAttempt, action = null } = {}) {
  const latest = attempts.at(-1)?.attempt ?? null;
  const current = attempts.some(a => a.attempt === Number(chosen)) ? Number(chosen) : latest;
  const record = attempts.find(a => a.attempt === current);
  const logBox = h('div', { class: 'log-box' });
  const element = h('section', { class: 'card task-panel', 'data-testid': 'task-panel', 'data-task': task.taskKey },
    h('div', { class: 'task-head' },
      h('h2', {}, task.taskKey), statusBadge(task.status),
      h('span', { class: 'secondary' }, `${task.attempts} attempt${task.attempts === 1 ? '' : 's'}`),
      task.startedAt ? h('span', { class: 'secondary' }, `· ${formatDuration(secondsBetween(task.startedAt, task.finishedAt))}`) : null,
      action ? h('span', { class: 'task-actions' }, action) : null),
    task.error ? h('pre', { class: 'task-error' }, task.error) : null,
    attempts.length > 1
      ? h('div', { class: 'attempt-tabs', role: 'tablist', 'aria-label': 'Attempts' }, attempts.map(a => h('button', {
        type: 'button', role: 'tab', class: a.attempt === current ? 'tab active' : 'tab', 'aria-selected': String(a.attempt === current),
        onclick: () => onAttempt?.(a.attempt),
      }, `Attempt ${a.attempt} `, statusBadge(a.status))))
      : null,
    record ? attemptFacts(record, task.error) : null,
    logBox);

  if (!record) {
    mount(logBox, h('div', { class: 'empty small' }, task.status === 'skipped' || task.status === 'cancelled'
      ? `This task was ${task.status} and has no log.` : 'The task has not started yet; its log appears here when it runs.'));
    return { element, stop() {} };
  }
  const viewer = logViewer(runId, task.taskKey, record);
  mount(logBox, viewer.element);
  return { element, stop: viewer.stop };
}

/** The attempt's times and error; an error the task header already shows is not repeated. */
function attemptFacts(a, shownError) {
  return h('dl', { class: 'facts compact' },
    h('div', {}, h('dt', {}, 'Queued'), h('dd', {}, timeCell(a.queuedAt))),
    h('div', {}, h('dt', {}, 'Started'), h('dd', {}, timeCell(a.startedAt))),
    h('div', {}, h('dt', {}, 'Finished'), h('dd', {}, timeCell(a.finishedAt))),
    h('div', {}, h('dt', {}, 'Took'), h('dd', {}, a.startedAt ? formatDuration(secondsBetween(a.startedAt, a.finishedAt)) : '—')),
    a.priority != null ? h('div', {}, h('dt', {}, 'Priority'), h('dd', { 'data-testid': 'attempt-priority' }, String(a.priority))) : null,
    a.priority != null || a.timeoutSeconds != null
      ? h('div', {}, h('dt', {}, 'Timeout'), h('dd', { 'data-testid': 'attempt-timeout' }, a.timeoutSeconds != null ? formatDuration(a.timeoutSeconds) : 'none'))
      : null,
    a.errorKind ? h('div', {}, h('dt', {}, 'Error kind'), h('dd', {}, a.errorKind)) : null,
    a.error && a.error !== shownError ? h('div', { class: 'wide' }, h('dt', {}, 'Error'), h('dd', { class: 'mono' }, a.error)) : null);
}

/** Reads a log from the start (or its last 64 KB when longer) and, with Follow on, polls for more. */
function logViewer(runId, taskKey, attempt) {
  const base = `/api/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(taskKey)}/attempts/${attempt.attempt}/log`;
  const active = attempt.status === 'running' || !attempt.finishedAt;
  const follow = h('input', { type: 'checkbox', checked: active, 'data-testid': 'follow' });
  const state = h('span', { class: 'secondary log-state' });
  const pre = h('pre', { class: 'log', 'data-testid': 'log', tabindex: 0, 'aria-label': `Log of ${taskKey}, attempt ${attempt.attempt}` });
  const notice = h('div', { class: 'log-notice' });
  const element = h('div', { class: 'log-viewer' },
    h('div', { class: 'log-toolbar' },
      h('strong', {}, `Log · attempt ${attempt.attempt}`), state,
      h('label', { class: 'check' }, follow, 'Follow')),
    notice, pre);

  let next = 0;
  let done = false;
  let stopped = false;
  let timer = null;

  const append = chunk => {
    pre.append(chunk.text);
    // The bytes the range covered, from the numbers: the text holds whole characters, so its own length in bytes
    // differs from the range's where the range's ends split one (the server shows such a character once).
    next = chunk.offset + Math.max(0, Math.min(CHUNK, chunk.totalBytes - chunk.offset));
    done = Boolean(chunk.complete) && next >= chunk.totalBytes;
    state.textContent = `${formatBytes(chunk.totalBytes)}${done ? ' · complete' : ' · still writing'}`;
    if (follow.checked) pre.scrollTop = pre.scrollHeight;
  };

  const read = async () => {
    if (stopped) return;
    try {
      let chunk = await api(base, { query: { offset: next, maxBytes: CHUNK } });
      if (next === 0 && chunk.totalBytes > CHUNK) {
        chunk = await api(base, { query: { tail: CHUNK, maxBytes: CHUNK } });
        mount(notice, `Showing the last ${formatBytes(CHUNK)} of ${formatBytes(chunk.totalBytes)}.`);
      }
      append(chunk);
      if (next === 0 && done && chunk.text === '') pre.textContent = '(this attempt wrote no log output)';
      while (!done && next < chunk.totalBytes && !stopped) {
        chunk = await api(base, { query: { offset: next, maxBytes: CHUNK } });
        if (!chunk.text) break;
        append(chunk);
      }
    } catch (error) {
      if (error?.status === 410) {
        // Retention removed the log: say so in place of the log, and stop following (nothing will come back).
        done = true;
        follow.checked = false;
        state.textContent = 'log expired';
        pre.textContent = `(log expired) ${error.detail ?? ''}`.trim();
      } else {
        mount(notice, errorBox(error));
      }
    }
    if (!done && !stopped && follow.checked) timer = setTimeout(read, 1000);
  };
  follow.addEventListener('change', () => {
    clearTimeout(timer);
    if (follow.checked && !done) read();
  });
  read();
  return { element, stop() { stopped = true; clearTimeout(timer); } };
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
