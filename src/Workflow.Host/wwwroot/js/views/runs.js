// Runs: the history and what is running now, filtered by pipeline, status and time, refreshed by polling.

import { h, mount } from '../dom.js';
import { api } from '../api.js';
import { poller } from '../poll.js';
import { link } from '../router.js';
import { emptyState, errorBox, loading, pageHeader } from '../components.js';
import { ACTIVE_RUN, formatDuration, humanize, relative, secondsBetween, statusBadge, timeCell } from '../format.js';

const STATUSES = ['queued', 'running', 'suspended', 'succeeded', 'failed', 'cancelled'];
const RANGES = { '': 'Any time', '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
const RANGE_SECONDS = { '1h': 3600, '24h': 86400, '7d': 604800, '30d': 2592000 };
const PAGE = 50;

export function render(container, params) {
  const state = { pipeline: params.pipeline ?? '', status: params.status ?? '', range: params.range ?? '' };
  const pipelineSelect = select('pipeline', 'Pipeline', [['', 'All pipelines']], state.pipeline);
  const statusSelect = select('status', 'Status', [['', 'Any status'], ...STATUSES.map(s => [s, humanize(s)])], state.status);
  const rangeSelect = select('range', 'Time', Object.entries(RANGES), state.range);
  const live = h('span', { class: 'live', title: 'The list refreshes every few seconds' }, h('span', { class: 'dot' }), 'Live');
  const content = h('div', {}, loading('Loading runs…'));
  const more = h('div', { class: 'more' });
  mount(container,
    pageHeader('Runs', 'What is running now and what ran before', live),
    h('div', { class: 'filters card' }, pipelineSelect.wrap, statusSelect.wrap, rangeSelect.wrap),
    content, more);

  api('/api/pipelines').then(list => {
    for (const p of list ?? []) pipelineSelect.input.append(h('option', { value: p.id, selected: p.id === state.pipeline }, p.id));
    if (state.pipeline && !(list ?? []).some(p => p.id === state.pipeline)) {
      pipelineSelect.input.append(h('option', { value: state.pipeline, selected: true }, state.pipeline));
    }
  }).catch(() => {});

  let firstPage = null;
  let older = [];
  let token = null;
  let error = null;

  const query = extra => {
    const q = { pipeline: state.pipeline, status: state.status, limit: PAGE, ...extra };
    if (RANGE_SECONDS[state.range]) q.from = new Date(Date.now() - RANGE_SECONDS[state.range] * 1000).toISOString();
    return q;
  };

  const draw = () => {
    if (!firstPage) {
      mount(content, error ? errorBox(error, { onRetry: () => poll.now() }) : loading('Loading runs…'));
      return;
    }
    const seen = new Set(firstPage.map(r => r.runId));
    const rows = [...firstPage, ...older.filter(r => !seen.has(r.runId))];
    live.classList.toggle('stale', Boolean(error));
    if (rows.length === 0) {
      const filtered = state.pipeline || state.status || state.range;
      mount(content, error ? errorBox(error) : null, emptyState(filtered ? 'No runs match these filters' : 'No runs yet',
        filtered ? 'Try another pipeline, status or time range.' : 'Trigger a pipeline from the Pipelines page, or wait for its schedule.'));
    } else {
      mount(content, error ? errorBox(error) : null, table(rows));
    }
    mount(more, token ? h('button', { class: 'btn', type: 'button', onclick: loadMore }, 'Load older runs') : null);
  };

  async function loadMore() {
    try {
      const page = await api('/api/runs', { query: query({ continuationToken: token }) });
      older = [...older, ...(page?.items ?? [])];
      token = page?.continuationToken ?? null;
      draw();
    } catch (e) {
      error = e;
      draw();
    }
  }

  const poll = poller(async () => {
    try {
      const page = await api('/api/runs', { query: query() });
      firstPage = page?.items ?? [];
      if (older.length === 0) token = page?.continuationToken ?? null;
      error = null;
    } catch (e) {
      error = e;
    }
    draw();
  }, 3000);

  const onChange = () => {
    state.pipeline = pipelineSelect.input.value;
    state.status = statusSelect.input.value;
    state.range = rangeSelect.input.value;
    history.replaceState(null, '', link(['runs'], state));
    firstPage = null;
    older = [];
    token = null;
    draw();
    poll.now();
  };
  for (const s of [pipelineSelect, statusSelect, rangeSelect]) s.input.addEventListener('change', onChange);
  return () => poll.stop();
}

function select(name, label, options, value) {
  const input = h('select', { name, class: 'input', 'aria-label': label },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return { input, wrap: h('label', { class: 'filter' }, h('span', { class: 'field-label' }, label), input) };
}

function table(rows) {
  return h('div', { class: 'card table-card' }, h('table', { class: 'table', 'data-testid': 'runs' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Run'), h('th', {}, 'Pipeline'), h('th', {}, 'Status'), h('th', {}, 'Trigger'),
      h('th', {}, 'Started'), h('th', { class: 'right' }, 'Duration'), h('th', {}, 'Tasks'))),
    h('tbody', {}, rows.map(row))));
}

function row(r) {
  const duration = r.startedAt ? secondsBetween(r.startedAt, r.finishedAt) : null;
  return h('tr', { 'data-run': r.runId, 'data-status': r.status },
    h('td', { class: 'mono' }, h('a', { href: link(['runs', r.runId]) }, shortRunId(r))),
    h('td', {}, h('a', { href: link(['runs'], { pipeline: r.pipelineId }) }, r.pipelineId)),
    h('td', {}, statusBadge(r.status)),
    h('td', {}, humanize(r.trigger)),
    h('td', {}, r.startedAt ? [timeCell(r.startedAt), h('div', { class: 'secondary' }, relative(r.startedAt))]
      : h('span', { class: 'secondary' }, `queued ${relative(r.createdAt)}`)),
    h('td', { class: 'right' }, formatDuration(duration), ACTIVE_RUN.has(r.status) && duration !== null ? h('span', { class: 'secondary' }, ' so far') : null),
    h('td', {}, summary(r.summary)));
}

/** The run id without the pipeline prefix, which the pipeline column already shows. */
function shortRunId(r) {
  const prefix = `${r.pipelineId}@`;
  return r.runId.startsWith(prefix) ? r.runId.slice(prefix.length) : r.runId;
}

export function summary(sum) {
  if (!sum || !sum.total) return h('span', { class: 'secondary' }, '—');
  const part = (n, cls) => (n ? h('span', { class: `seg ${cls}`, style: `flex:${n}` }) : null);
  const rest = Math.max(0, sum.total - sum.succeeded - sum.failed - sum.skipped - sum.cancelled);
  return h('div', { class: 'summary', title: `${sum.succeeded} succeeded, ${sum.failed} failed, ${sum.skipped} skipped, ${sum.cancelled} cancelled of ${sum.total}` },
    h('div', { class: 'segments' }, part(sum.succeeded, 'status-succeeded'), part(sum.failed, 'status-failed'),
      part(sum.skipped, 'status-skipped'), part(sum.cancelled, 'status-cancelled'), part(rest, 'status-pending')),
    h('span', { class: 'secondary' }, `${sum.succeeded}/${sum.total}`));
}
